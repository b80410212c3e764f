using System.Reflection;
using ActivityDashboard.Components.Pages.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace ActivityDashboard.Tests.Security;

/// <summary>
/// Pages carry [Authorize] themselves: the endpoint's fallback policy guards only the first request, while an open
/// circuit whose session is revalidated away is guarded by AuthorizeRouteView, which reads the page's attributes.
/// </summary>
public sealed class PageAuthorizationTests
{
    [Fact]
    public void Pages_EveryRoutablePageButSignIn_RequiresASignedInUser()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any())
            .ToList();

        pages.Should().Contain(typeof(ActivityDashboard.Components.Pages.Activity));
        pages.Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is not null).Should().Equal(typeof(SignIn));
        pages.Where(t => t != typeof(SignIn)).Should().OnlyContain(t => t.GetCustomAttribute<AuthorizeAttribute>() != null);
    }
}
