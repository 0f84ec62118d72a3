using System.Security.Claims;
using KlantCentraal.Domain;
using Microsoft.AspNetCore.Identity;

namespace KlantCentraal.Web.Identity;

/// <summary>
/// The signed-in staff member as the domain knows them (id, first name, manager or not), read once per request.
/// Replaces the copies of "find the account, else throw, then build a StaffMember" in the page models.
/// </summary>
public sealed class CurrentStaff(UserManager<StaffUser> users, IHttpContextAccessor http)
{
    private StaffMember? _member;

    public async Task<StaffMember> GetAsync()
    {
        if (_member is not null)
        {
            return _member;
        }

        var principal = http.HttpContext?.User ?? new ClaimsPrincipal();
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        return _member = new StaffMember(user.Id, user.FirstName, principal.IsInRole(Roles.Manager));
    }
}
