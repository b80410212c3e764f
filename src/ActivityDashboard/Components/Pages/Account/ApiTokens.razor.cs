using System.Globalization;
using System.Security.Claims;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace ActivityDashboard.Components.Pages.Account;

public sealed partial class ApiTokens
{
    private bool _busy;
    private bool _copied;
    private Guid? _confirming;

    [Inject]
    public required ApiTokenService TokenService { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private string? NewName { get; set; }

    private string? NameError { get; set; }

    private string? Message { get; set; }

    private ApiTokenCreated? Created { get; set; }

    private IReadOnlyList<ApiTokenSummary>? Tokens { get; set; }

    private string UserId { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        UserId = state?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await RefreshAsync();
    }

    private async Task CreateAsync()
    {
        NameError = ApiTokenService.ValidateName(NewName);
        if (NameError is not null)
        {
            return;
        }

        _busy = true;
        Message = null;
        try
        {
            Created = await TokenService.CreateAsync(UserId, NewName, CancellationToken.None);
            _copied = false;
            NewName = null;
            await RefreshAsync();
        }
        catch (AccountAdministrationException ex)
        {
            Message = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(Guid tokenId)
    {
        _confirming = null;
        Message = await TokenService.RevokeAsync(UserId, tokenId, CancellationToken.None)
            ? null
            : "That token was not found.";
        if (Created?.Summary.Id == tokenId)
        {
            Created = null;
        }

        await RefreshAsync();
    }

    private async Task CopyAsync()
    {
        if (Created is null)
        {
            return;
        }

        await JS.InvokeVoidAsync("navigator.clipboard.writeText", Created.Token);
        _copied = true;
    }

    private void DismissCreated() => Created = null;

    private async Task RefreshAsync() => Tokens = await TokenService.ListAsync(UserId, CancellationToken.None);

    // Times on the viewer's wall clock and in their culture, like /activity's request table: UTC until the browser
    // has said its zone (after the first render), then the browser's.
    private string _timeZone = "UTC";

    private CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await BrowserTimeZone.ReadAsync(JS) is { } zone && zone != _timeZone)
        {
            _timeZone = zone;
            StateHasChanged();
        }
    }

    private string Format(DateTimeOffset instant) => ActivityFormat.Time(instant, _timeZone, Culture);
}
