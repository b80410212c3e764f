using System.Net;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Accounts;

/// <summary>
/// The HTML of <c>/activity</c> as the real app serves it to a signed-in non-operator. The page renders interactively
/// without prerendering, so this HTML is the static shell and the numbers only ever arrive over the circuit (whose
/// content the bUnit tests in <c>ActivityPageOperatorTests</c> check): what this proves is that the shell carries no
/// provider cost and no number of any account, including another account named in the address.
/// </summary>
public sealed class ActivityPageHtmlTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string AccountA = "acct-a";
    private const string AccountB = "acct-b";
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    // With tz= in the address a prerender would load at once, so a prerender turned on later would fail this test.
    // Distinctive amounts: provider cost 0.777777 (shows as $0.78), billed 2.50 (a markup of 3.21).
    private static readonly string[] s_forbiddenTexts = ["0.777777", "0.78", "3.21", "2.50", "Provider cost", "markup"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/activity")]
    [InlineData("/activity?range=1h&tz=UTC")]
    [InlineData("/activity?range=1h&tz=UTC&account=acct-b")]
    public async Task Get_NonOperator_HtmlHoldsNoProviderCost(string path)
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now, AccountA);
        foreach (var account in new[] { AccountA, AccountB })
        {
            app.Usage.Add(account, [TestData.UsageEvent(callId: account + "-1", at: s_now.AddMinutes(-20), spend: 0.777777m)]);
        }

        await app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync(
            [
                Receipt(AccountA),
                Receipt(AccountB),
            ],
            Ct);
        var client = await app.CreateUserClientAsync(AccountA);

        using var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<!DOCTYPE html>", "the page shell itself was served, not a redirect or an error");
        foreach (var text in s_forbiddenTexts)
        {
            html.Should().NotContainEquivalentOf(text);
        }
    }

    private static ChargeReceipt Receipt(string accountId) =>
        TestData.ChargeReceipt(accountId: accountId, callId: accountId + "-1", createdAt: s_now.AddMinutes(-19), responseCostUsd: 2.50m);
}
