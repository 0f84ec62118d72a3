using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KlantCentraal.Web.Forms;

public static class ValidationResultExtensions
{
    /// <summary>The ViewData key under which the error summary finds the fields in form order.</summary>
    public const string ErrorOrderKey = "ErrorOrder";

    /// <summary>
    /// Copies the validator's errors into ModelState under <paramref name="prefix"/> and remembers their order
    /// (the validator's rules follow the form), so the error summary lists them top to bottom.
    /// </summary>
    public static void AddTo(this ValidationResult result, PageModel page, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(page);
        var order = new List<string>();
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(error.PropertyName) ? prefix : $"{prefix}.{error.PropertyName}";
            page.ModelState.AddModelError(key, error.ErrorMessage);
            order.Add(key);
        }

        page.ViewData[ErrorOrderKey] = order;
    }
}
