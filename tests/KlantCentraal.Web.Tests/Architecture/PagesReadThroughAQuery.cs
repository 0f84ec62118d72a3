using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Architecture;

/// <summary>
/// Issue 42: a page reads through a small query of its own (a class named Query inside its model, Contoso's Query) and
/// writes through a service's step, so its model takes few dependencies; what one handler alone needs, that handler
/// takes with [FromServices].
/// </summary>
public class PagesReadThroughAQuery
{
    public const int MostDependencies = 6;

    private static IEnumerable<Type> PageModels() =>
        typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract);

    [Fact]
    public void No_page_model_takes_more_than_six_constructor_dependencies()
    {
        var heavy = PageModels()
            .Select(t => (Page: t.FullName!, Count: t.GetConstructors().Max(c => c.GetParameters().Length)))
            .Where(p => p.Count > MostDependencies)
            .Select(p => $"{p.Page}: {p.Count}")
            .ToList();

        Assert.Empty(heavy);
    }

    [Fact]
    public void Every_page_query_is_registered_and_reads_without_the_write_gate()
    {
        using var app = new KlantCentraalFactory();
        using var scope = app.Services.CreateScope();
        var queries = PageModels().Select(p => p.GetNestedType("Query")).OfType<Type>().ToList();

        Assert.NotEmpty(queries);
        Assert.All(queries, q =>
        {
            Assert.NotNull(scope.ServiceProvider.GetService(q));
            Assert.DoesNotContain(q.GetConstructors().Single().GetParameters(), p => p.ParameterType == typeof(Web.Data.WriteGate));
        });
    }
}
