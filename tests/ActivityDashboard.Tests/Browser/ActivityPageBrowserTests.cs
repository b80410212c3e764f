using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Model;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// /activity in a real Chromium against the real app on Kestrel, a real PostgreSQL and a LiteLLM stub: what the page
/// shows equals what <c>GET /api/v1/activity</c> answers for the same query with the same session cookie.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class ActivityPageBrowserTests(BrowserFixture fixture)
{
    private const int TestTimeout = 60_000;

    [Fact(Timeout = TestTimeout)]
    public Task SignIn_ThroughTheForm_OpensActivityWithTheApiNumbers() =>
        fixture.RunAsync(nameof(SignIn_ThroughTheForm_OpensActivityWithTheApiNumbers), async page =>
        {
            // RunAsync signed in through the form and landed on /activity, which put the browser's zone in the address.
            await Expect(page).ToHaveURLAsync(TzInAddress());
            await ExpectKpisMatchApiAsync(page);
            await Expect(page.GetByTestId("account-label")).ToContainTextAsync(BrowserFixture.AccountId);
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Presets_EachClicked_ShowTheApiNumbersForThatRange() =>
        fixture.RunAsync(nameof(Presets_EachClicked_ShowTheApiNumbersForThatRange), async page =>
        {
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
            var shownRequests = new List<string>();
            foreach (var preset in RangePreset.All)
            {
                await ToggleAsync(page, preset.Label);
                await Expect(page).ToHaveURLAsync(new Regex("[?&]range=" + Regex.Escape(preset.Code) + "(&|$)"));
                var json = await ExpectKpisMatchApiAsync(page);
                shownRequests.Add(json.GetProperty("totals").GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture));
            }

            // The seeded rows differ per preset (4, 45, ...), so a page stuck on one range cannot pass.
            shownRequests.Should().OnlyHaveUniqueItems();
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task StepMetricBreakdown_Switched_PutThemInTheAddressAndKeepTheApiNumbers() =>
        fixture.RunAsync(nameof(StepMetricBreakdown_Switched_PutThemInTheAddressAndKeepTheApiNumbers), async page =>
        {
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();

            await ChooseAsync(page, "Step", "6h");
            await Expect(page).ToHaveURLAsync(new Regex("[?&]step=6h(&|$)"));
            await ExpectKpisMatchApiAsync(page);

            await ToggleAsync(page, "Tokens");
            await Expect(page).ToHaveURLAsync(new Regex("[?&]metric=tokens(&|$)"));
            await ExpectKpisMatchApiAsync(page);

            await ChooseAsync(page, "Breakdown", "Model");
            await Expect(page).ToHaveURLAsync(new Regex("[?&]groupBy=model(&|$)"));
            await Expect(page).ToHaveURLAsync(new Regex("[?&]step=6h(&|$)"));
            var json = await ExpectKpisMatchApiAsync(page);
            json.GetProperty("step").GetString().Should().Be("6h");
            json.GetProperty("groups").GetArrayLength().Should().Be(3, "the seeded rows use three models");
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task RequestTable_PagedOlderAndNewer_ShowsTheApiRowsOfEachPage() =>
        fixture.RunAsync(nameof(RequestTable_PagedOlderAndNewer_ShowsTheApiRowsOfEachPage), async page =>
        {
            await ChromiumSession.OpenAsync(page, "/activity?range=24h");
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
            var first = await ExpectKpisMatchApiAsync(page);
            await ExpectRowsAsync(page, first);
            await Expect(page.GetByTestId("request-range")).ToHaveTextAsync($"1–20 of {BrowserFixture.RowsInLastDay}");

            var cursor = first.GetProperty("nextCursor").GetString();
            cursor.Should().NotBeNull("45 rows do not fit on one page of 20");
            // By keyboard: the page stays where it is and the focus on the button, ready for the next page.
            var older = page.GetByRole(AriaRole.Button, new() { Name = "Older", Exact = true });
            await older.FocusAsync();
            var scrolledTo = await page.EvaluateAsync<double>("() => window.scrollY");
            scrolledTo.Should().BePositive("the paging buttons sit below the fold");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("request-range")).ToHaveTextAsync($"21–40 of {BrowserFixture.RowsInLastDay}");
            await Expect(older).ToBeFocusedAsync();
            (await page.EvaluateAsync<double>("() => window.scrollY")).Should().Be(scrolledTo);
            var second = await GetApiAsync(page, ApiPathFor(page.Url) + "&cursor=" + Uri.EscapeDataString(cursor!));
            await ExpectRowsAsync(page, second);

            await page.GetByRole(AriaRole.Button, new() { Name = "Older", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("request-range")).ToHaveTextAsync($"41–45 of {BrowserFixture.RowsInLastDay}");
            await Expect(page.GetByTestId("request-row")).ToHaveCountAsync(5);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older", Exact = true })).ToBeDisabledAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Newer", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("request-range")).ToHaveTextAsync($"21–40 of {BrowserFixture.RowsInLastDay}");
            await ExpectRowsAsync(page, second);
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Retry_StubStoppedThenRestarted_ShowsTheErrorWithoutNumbersThenTheNumbers() =>
        fixture.RunAsync(nameof(Retry_StubStoppedThenRestarted_ShowsTheErrorWithoutNumbersThenTheNumbers), async page =>
        {
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
            await fixture.StopStubAsync();
            try
            {
                await ChromiumSession.OpenAsync(page, "/activity?range=7d");
                await ExpectErrorWithoutNumbersAsync(page);

                // Retry while LiteLLM is still down: the error again, still no numbers.
                await page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();
                await ExpectErrorWithoutNumbersAsync(page);
            }
            finally
            {
                await fixture.RestartStubAsync();
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("error-state")).ToHaveCountAsync(0);
            await ExpectKpisMatchApiAsync(page);
            fixture.Stub.SpendLogRequests.Should().NotBeEmpty("the numbers came from the restarted stub");
        }, TestContext.Current.CancellationToken);

    // Two live-refresh windows (one to see a refresh, one of silence after leaving) on top of the usual budget.
    [Fact(Timeout = TestTimeout + 2 * 35_000)]
    public Task LastHour_PageLeft_NoFurtherRequestReachesTheStub() =>
        fixture.RunAsync(nameof(LastHour_PageLeft_NoFurtherRequestReachesTheStub), async page =>
        {
            await ChromiumSession.OpenAsync(page, "/activity?range=1h");
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
            await ExpectKpisMatchApiAsync(page);

            // First, the refresh is seen to reach the stub while the page is open, so the silence below is the timer
            // stopping with the page and not a timer that never ran.
            var requestsWhenLoaded = fixture.Stub.SpendLogRequests.Count;
            var refreshDeadline = DateTime.UtcNow + LiveRefreshWindow;
            while (fixture.Stub.SpendLogRequests.Count == requestsWhenLoaded && DateTime.UtcNow < refreshDeadline)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }

            fixture.Stub.SpendLogRequests.Count.Should().BeGreaterThan(requestsWhenLoaded, "the last hour refreshes every 30 seconds while open");

            // Leave through the app's own link; the circuit holding the page goes with it.
            await page.GetByTestId("change-password").ClickAsync();
            await page.WaitForURLAsync(
                url => new Uri(url).AbsolutePath == "/account/password", new() { WaitUntil = WaitUntilState.Commit });
            await Expect(page.Locator("#current-password")).ToBeVisibleAsync();
            var requestsWhenLeft = fixture.Stub.SpendLogRequests.Count;
            requestsWhenLeft.Should().BePositive("the view's numbers came through this stub, so it is the one to watch");

            // Longer than the 30-second live refresh (spec section 8), so a timer that survived the page would have
            // fired at least once in this window.
            await Task.Delay(LiveRefreshWindow, TestContext.Current.CancellationToken);

            fixture.Stub.SpendLogRequests.Count.Should().Be(requestsWhenLeft, "no request may reach LiteLLM once /activity is left");
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Axe_ActivityPage_HasNoSeriousOrCriticalViolations() =>
        fixture.RunAsync(
            nameof(Axe_ActivityPage_HasNoSeriousOrCriticalViolations),
            async page =>
            {
                await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
                await ExpectKpisMatchApiAsync(page);

                var result = await page.RunAxe();

                var blocking = result.Violations
                    .Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")
                    .ToList();
                blocking.Should().BeEmpty();
            },
            TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task GermanBrowser_NumbersAndDates_FollowTheBrowsersLanguage() =>
        fixture.RunAsync(
            nameof(GermanBrowser_NumbersAndDates_FollowTheBrowsersLanguage),
            async page =>
            {
                // The context sends Accept-Language: de-DE; the server formats the circuit's numbers in it.
                var german = CultureInfo.GetCultureInfo("de-DE");
                await ChromiumSession.OpenAsync(page, "/activity?range=7d");
                await ExpectKpisMatchApiAsync(page, culture: german);
                await Expect(page.GetByTestId("kpi-spend-value")).ToHaveTextAsync(new Regex(@"^\$[0-9.]*\d,\d{2}$"));

                var firstTime = page.GetByTestId("request-row").First.Locator("td").First;
                await Expect(firstTime).ToHaveTextAsync(new Regex(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} UTC$"));

                await ToggleAsync(page, "Table");
                await Expect(page.GetByTestId("chart-table").Locator("tbody th").First)
                    .ToHaveTextAsync(new Regex(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(\+00:00\)$"));
            },
            TestContext.Current.CancellationToken,
            locale: "de-DE");

    [Fact(Timeout = TestTimeout)]
    public Task RangeRadios_ArrowKeys_MoveTheChoiceAndTheFocus() =>
        fixture.RunAsync(
            nameof(RangeRadios_ArrowKeys_MoveTheChoiceAndTheFocus),
            async page =>
            {
                await ChromiumSession.OpenAsync(page, "/activity?range=7d");
                await ExpectKpisMatchApiAsync(page);
                var group = page.GetByRole(AriaRole.Radiogroup, new() { Name = "Range", Exact = true });
                var week = group.GetByRole(AriaRole.Radio, new() { Name = "Last 7 days", Exact = true });
                var month = group.GetByRole(AriaRole.Radio, new() { Name = "Last 30 days", Exact = true });
                await Expect(week).ToHaveAttributeAsync("aria-checked", "true");
                await Expect(group.Locator("[role=radio][tabindex='0']")).ToHaveCountAsync(1);

                await week.FocusAsync();
                await page.Keyboard.PressAsync("ArrowRight");

                await Expect(page).ToHaveURLAsync(new Regex("[?&]range=30d(&|$)"));
                await Expect(month).ToBeFocusedAsync();
                await Expect(month).ToHaveAttributeAsync("aria-checked", "true");
                await Expect(week).ToHaveAttributeAsync("aria-checked", "false");
                await ExpectKpisMatchApiAsync(page);

                await page.Keyboard.PressAsync("Home");
                await Expect(page).ToHaveURLAsync(new Regex("[?&]range=1h(&|$)"));
                await Expect(group.GetByRole(AriaRole.Radio, new() { Name = "Last hour", Exact = true })).ToBeFocusedAsync();
            },
            TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task CustomRange_TypedWithTheKeyboardOnly_PutsTheDaysInTheAddressAndTheApiNumbersOnTheCards() =>
        fixture.RunAsync(
            nameof(CustomRange_TypedWithTheKeyboardOnly_PutsTheDaysInTheAddressAndTheApiNumbersOnTheCards),
            async page =>
            {
                await ChromiumSession.OpenAsync(page, "/activity?range=7d");
                await ExpectKpisMatchApiAsync(page);
                var group = page.GetByRole(AriaRole.Radiogroup, new() { Name = "Range", Exact = true });
                await group.GetByRole(AriaRole.Radio, new() { Name = "Last 7 days", Exact = true }).FocusAsync();

                // End chooses Custom: the last seven complete days, ending at today's midnight in the address.
                await page.Keyboard.PressAsync("End");
                await Expect(page).ToHaveURLAsync(new Regex("[?&]to=[^&]+"));
                await Expect(group.GetByRole(AriaRole.Radio, new() { Name = "Custom", Exact = true })).ToBeFocusedAsync();
                await Expect(page.GetByLabel("Start date")).ToBeVisibleAsync();
                var today = DateOnly.FromDateTime(DateTimeOffset.Parse(
                    QueryHelpers.ParseQuery(new Uri(page.Url).Query)["to"].ToString(), CultureInfo.InvariantCulture).UtcDateTime);
                var first = today.AddDays(-5);
                var last = today.AddDays(-2);

                // Tab reaches the start field; Tab commits it and moves on, Enter commits the end.
                await page.Keyboard.PressAsync("Tab");
                await Expect(page.GetByLabel("Start date")).ToBeFocusedAsync();
                await TypeDayAsync(page, first);
                await page.Keyboard.PressAsync("Tab");
                await Expect(page.GetByLabel("End date")).ToBeFocusedAsync();
                await TypeDayAsync(page, last);
                await page.Keyboard.PressAsync("Enter");

                await Expect(page).ToHaveURLAsync(new Regex(
                    "[?&]from=" + Regex.Escape(Uri.EscapeDataString(first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+00:00"))
                    + ".*[?&]to=" + Regex.Escape(Uri.EscapeDataString(last.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+00:00"))));
                await ExpectKpisMatchApiAsync(page);

                // A day after today is refused under the field, and the address stays.
                var address = page.Url;
                await TypeDayAsync(page, today.AddDays(1));
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.GetByTestId("custom-range")).ToContainTextAsync(
                    "The last day can be today (" + today.ToString("d", Culture) + ") at the latest.");
                page.Url.Should().Be(address);

                // The field's hint and its message in red stay readable in both themes.
                await AxeScan.ExpectNoSeriousViolationsAsync(page);
                await page.GetByTestId("theme-switch").ClickAsync();
                await Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-label", "Light theme");
                await Expect(page.GetByTestId("custom-range")).ToContainTextAsync("at the latest");
                await AxeScan.ExpectNoSeriousViolationsAsync(page);
            },
            TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Axe_DarkTheme_HasNoSeriousOrCriticalViolations() =>
        fixture.RunAsync(
            nameof(Axe_DarkTheme_HasNoSeriousOrCriticalViolations),
            async page =>
            {
                await ChromiumSession.OpenAsync(page, "/activity?range=7d");
                await ExpectKpisMatchApiAsync(page);
                var background = await BodyBackgroundAsync(page);

                await page.GetByTestId("theme-switch").ClickAsync();
                await Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-label", "Light theme");
                (await BodyBackgroundAsync(page)).Should().NotBe(background, "the dark palette is applied before the scan");
                await AxeScan.ExpectNoSeriousViolationsAsync(page);

                // The table view too: its cells carry the numbers a chart cannot give a screen reader.
                await ToggleAsync(page, "Table");
                await Expect(page.GetByTestId("chart-table")).ToBeVisibleAsync();
                await AxeScan.ExpectNoSeriousViolationsAsync(page);

                // The choice outlives the page: a reload opens dark although the system (headless: light) says not.
                await ChromiumSession.OpenAsync(page, "/activity?range=7d");
                await Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-label", "Light theme");
                (await BodyBackgroundAsync(page)).Should().NotBe(background);
            },
            TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task UnknownAddress_FromALinkOrTheRouter_ShowsPageNotFound() =>
        fixture.RunAsync(nameof(UnknownAddress_FromALinkOrTheRouter_ShowsPageNotFound), async page =>
        {
            await OpenSettledActivityAsync(page);

            // A link in the circuit to an address no page has: the router leaves it to the server, whose 404 is the page.
            await page.EvaluateAsync(
                "() => { const a = document.createElement('a'); a.href = 'no-such-page?x=1'; a.id = 'unknown-link';"
                + " a.textContent = 'unknown'; document.body.appendChild(a); }");
            var response = await page.RunAndWaitForResponseAsync(
                () => page.Locator("#unknown-link").ClickAsync(),
                r => r.Url.Contains("/no-such-page", StringComparison.Ordinal));
            response.Status.Should().Be(404);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("not-found-address")).ToHaveTextAsync("/no-such-page?x=1");
            await AxeScan.ExpectNoSeriousViolationsAsync(page);

            // The circuit's router asked for a route it does not know (not a link) shows the same page, in the layout.
            await OpenSettledActivityAsync(page);
            await page.EvaluateAsync("() => Blazor.navigateTo('/also-missing')");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("not-found-address")).ToHaveTextAsync("/also-missing");
            await Expect(page.GetByTestId("theme-switch")).ToBeVisibleAsync();

            await page.GetByTestId("not-found-activity-link").ClickAsync();
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Export_Downloaded_MatchesTheApiForTheSameWindow() =>
        fixture.RunAsync(nameof(Export_Downloaded_MatchesTheApiForTheSameWindow), async page =>
        {
            await ChromiumSession.OpenAsync(page, "/activity?range=7d");
            await ExpectKpisMatchApiAsync(page);

            var link = page.GetByTestId("export-csv");
            var href = await link.GetAttributeAsync("href");
            href.Should().StartWith("/api/v1/activity/export?");
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            download.SuggestedFilename.Should().EndWith(".csv");
            var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToArray();

            // The link pins the window (from/to); the API asked with the same query answers for the same rows.
            var exportQuery = new Uri(new Uri(page.Url), href).Query;
            var pinned = QueryHelpers.ParseQuery(exportQuery);
            pinned.Should().ContainKeys("from", "to");
            var json = await GetApiAsync(page, "/api/v1/activity" + exportQuery);

            lines.Should().Contain("# from: " + pinned["from"]);
            lines.Should().Contain("# to: " + pinned["to"]);
            lines.Should().Contain("# zone: " + json.GetProperty("timeZone").GetString());
            lines.Should().Contain("# step: " + json.GetProperty("step").GetString());
            lines.Should().Contain("# zone: UTC", "the browser context runs in UTC");

            var requestsAt = Array.IndexOf(lines, "# requests");
            var bucketsAt = Array.IndexOf(lines, "# buckets");
            requestsAt.Should().BePositive();
            bucketsAt.Should().BeGreaterThan(requestsAt);
            lines[requestsAt + 1].Should().StartWith("time,time_utc,call_id,model,provider,tokens_in,tokens_out,billed,status");
            lines[bucketsAt + 1].Should().Be("start,end,partial,requests,tokens_in,tokens_out,spend");

            var totals = json.GetProperty("totals");
            var requestLines = lines[(requestsAt + 2)..bucketsAt];
            requestLines.Length.Should().Be(totals.GetProperty("requests").GetInt32(), "the whole window, not one page of the table");
            requestLines.Length.Should().BeGreaterThan(20, "more rows than one page, so a paged export cannot pass");

            var bucketLines = lines[(bucketsAt + 2)..];
            bucketLines.Length.Should().Be(json.GetProperty("buckets").GetArrayLength());
            var spend = bucketLines.Sum(l => decimal.Parse(l.Split(',')[^1], NumberStyles.Number, CultureInfo.InvariantCulture));
            spend.Should().Be(decimal.Parse(totals.GetProperty("spend").GetString()!, CultureInfo.InvariantCulture));
            bucketLines.Sum(l => long.Parse(l.Split(',')[3], CultureInfo.InvariantCulture))
                .Should().Be(totals.GetProperty("requests").GetInt64());
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task TimeZone_Switched_RebucketsOnTheNewWallClock() =>
        fixture.RunAsync(nameof(TimeZone_Switched_RebucketsOnTheNewWallClock), async page =>
        {
            await ChromiumSession.OpenAsync(page, "/activity?range=7d");
            await ExpectKpisMatchApiAsync(page);

            var zoneInput = page.Locator("div.mud-input-control").Filter(new() { Has = page.Locator("label", new() { HasText = "Time zone" }) }).Locator("input");
            await zoneInput.ClickAsync();

            // A name no zone has says so, rather than leave the list shut as if the typing were ignored.
            await zoneInput.FillAsync("Atlantis");
            await Expect(page.Locator(".mud-popover-open").GetByTestId("zone-no-match")).ToContainTextAsync("No time zone matches.");

            // Leaving the field with it says so under the field, and the page keeps its zone.
            var before = page.Url;
            await page.Keyboard.PressAsync("Tab");
            var notice = page.GetByText("'Atlantis' is not a time zone; still showing UTC.");
            await Expect(notice).ToBeVisibleAsync();
            page.Url.Should().Be(before);

            await zoneInput.ClickAsync();
            await zoneInput.FillAsync("Kolkata");
            await page.Locator(".mud-popover-open .mud-list-item")
                .Filter(new() { HasTextRegex = new Regex("^Asia/(Kolkata|Calcutta)$") }).First.ClickAsync();

            var inAddress = new Regex("[?&]tz=Asia(%2F|/)(Kolkata|Calcutta)(&|$)");
            await Expect(page).ToHaveURLAsync(inAddress);
            await Expect(notice).ToBeHiddenAsync();
            var zone = Uri.UnescapeDataString(QueryHelpers.ParseQuery(new Uri(page.Url).Query)["tz"].ToString());
            var json = await ExpectKpisMatchApiAsync(page, inAddress);
            json.GetProperty("timeZone").GetString().Should().Be(zone);
            await Expect(page.Locator(".mud-typography-caption").Filter(new() { HasText = "in " + zone })).ToHaveCountAsync(1);

            // The time axis and a point's tooltip name the zone.
            var chart = page.GetByTestId("chart");
            await Expect(chart.Locator("text.mud-charts-xaxis").Filter(new() { HasText = "Bucket start (" + zone + ")" })).ToHaveCountAsync(1);
            await chart.Locator(".mud-charts-line-series circle").Last.HoverAsync();
            await Expect(chart.Locator(".mud-charts-tooltip")).ToContainTextAsync("(" + zone + ")");
            await Expect(chart.Locator(".mud-charts-tooltip")).ToContainTextAsync("Spend over time: $");

            await ToggleAsync(page, "Table");
            var buckets = json.GetProperty("buckets").EnumerateArray().ToArray();
            var rows = page.GetByTestId("chart-table").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(buckets.Length);
            var first = buckets[0].GetProperty("start").GetDateTimeOffset();
            first.Offset.Should().Be(TimeSpan.FromHours(5.5));
            // en-US: "6/1/2026 5:30 PM (+05:30)", with whatever space ICU puts before the AM/PM.
            await Expect(rows.First.Locator("th")).ToHaveTextAsync(new Regex(
                "^" + Regex.Escape(first.DateTime.ToString("M/d/yyyy h:mm", CultureInfo.InvariantCulture)) + "\\s"
                + first.DateTime.ToString("tt", CultureInfo.InvariantCulture) + " \\(\\+05:30\\)$"));
            await Expect(rows.First.Locator("th")).ToContainTextAsync("(+05:30)");
            await Expect(rows.First.Locator("td").First).ToHaveTextAsync(
                ActivityFormat.Count(buckets[0].GetProperty("requests").GetInt64(), Culture));

            // A zone's exact name, typed in any case and left with Tab, is taken as if picked from the list.
            await zoneInput.ClickAsync();
            await zoneInput.FillAsync("europe/berlin");
            await Expect(page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Europe/Berlin" })).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(page).ToHaveURLAsync(new Regex("[?&]tz=Europe(%2F|/)Berlin(&|$)"));
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task States_LoadingDataEmptyAndError_EachShownAsItsOwnStateAndPhotographed() =>
        fixture.RunAsync(nameof(States_LoadingDataEmptyAndError_EachShownAsItsOwnStateAndPhotographed), async page =>
        {
            // Each state is asserted, then photographed to artifacts/test-results/screenshots/states/ for the record.
            await OpenSettledActivityAsync(page);

            // Loading: a slow LiteLLM holds the page in its loading state, with no numbers yet and the region busy.
            fixture.Stub.Delay = TimeSpan.FromSeconds(6);
            try
            {
                await ToggleAsync(page, "Last 24 hours");
                await Expect(page.GetByTestId("loading-state")).ToBeVisibleAsync();
                await Expect(page.Locator("[aria-live=polite][aria-busy=true]:has([data-testid=loading-state])")).ToHaveCountAsync(1);
                await Expect(page.Locator("[data-testid^='kpi-']")).ToHaveCountAsync(0);
                await ChromiumSession.PhotographAsync(page, "states/loading");
            }
            finally
            {
                fixture.Stub.Delay = TimeSpan.Zero;
            }

            // Data: the API's numbers, chart and request table, once the slow answer in flight has come.
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await ExpectKpisMatchApiAsync(page);
            await Expect(page.GetByTestId("request-row")).ToHaveCountAsync(20);
            await ChromiumSession.PhotographAsync(page, "states/data");

            // Empty: local days long before the seeded month say so, with no cards and no table.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await ChromiumSession.OpenAsync(page, "/activity?tz=UTC&from=" + Day(today.AddDays(-90)) + "&to=" + Day(today.AddDays(-80)));
            var (first, last) = (today.AddDays(-90), today.AddDays(-81));
            await Expect(page.GetByTestId("empty-state")).ToHaveTextAsync(
                $"No activity in this range: {first.ToString("d", Culture)} to {last.ToString("d", Culture)} (UTC).");
            await Expect(page.Locator("[data-testid^='kpi-']")).ToHaveCountAsync(0);
            await ChromiumSession.PhotographAsync(page, "states/empty");

            // Error: LiteLLM down gives the reason and Retry, never numbers.
            await fixture.StopStubAsync();
            try
            {
                await ChromiumSession.OpenAsync(page, "/activity?range=24h");
                await ExpectErrorWithoutNumbersAsync(page);
                await Expect(page.GetByTestId("error-state")).ToContainTextAsync("Reason: usage_source_unreachable");
                await ChromiumSession.PhotographAsync(page, "states/error");
            }
            finally
            {
                await fixture.RestartStubAsync();
            }

            static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        }, TestContext.Current.CancellationToken);

    [Theory(Timeout = TestTimeout)]
    [InlineData(390)]
    [InlineData(1280)]
    public Task Chart_AtPhoneAndDesktopWidth_TimeLabelsDoNotOverlap(int width) =>
        fixture.RunAsync($"{nameof(Chart_AtPhoneAndDesktopWidth_TimeLabelsDoNotOverlap)}_{width}", async page =>
        {
            await page.SetViewportSizeAsync(width, 900);
            await ChromiumSession.OpenAsync(page, "/activity?range=24h");
            await ExpectKpisMatchApiAsync(page);

            // The time labels the chart draws, in the order they sit on the axis, each as [left, right] on screen.
            var labels = page.GetByTestId("chart").Locator("g.mud-charts-xaxis > text");
            await Expect(labels.First).ToBeVisibleAsync();
            var boxes = await labels.EvaluateAllAsync<double[][]>(
                "texts => texts.filter(t => getComputedStyle(t).display !== 'none')"
                + ".map(t => t.getBoundingClientRect()).map(r => [r.left, r.right])");

            boxes.Length.Should().BeGreaterThanOrEqualTo(2, "a time axis needs at least two labels to be read");
            for (var i = 1; i < boxes.Length; i++)
            {
                boxes[i][0].Should().BeGreaterThan(boxes[i - 1][1], $"label {i} must start after label {i - 1} ends at {width} px");
            }
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Axe_PhoneWidth_HasNoSeriousOrCriticalViolations() =>
        fixture.RunAsync(nameof(Axe_PhoneWidth_HasNoSeriousOrCriticalViolations), async page =>
        {
            // At 390 px the request table is wider than the screen and scrolls sideways, which only a phone shows.
            await page.SetViewportSizeAsync(390, 900);
            await ChromiumSession.OpenAsync(page, "/activity?range=24h");
            await ExpectKpisMatchApiAsync(page);
            var requests = page.GetByRole(AriaRole.Region, new() { Name = "Requests table", Exact = true });
            (await requests.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth")).Should().BeTrue("the table is wider than a phone");

            await AxeScan.ExpectNoSeriousViolationsAsync(page);

            // The chart's table view is as wide.
            await ToggleAsync(page, "Table");
            await Expect(page.GetByTestId("chart-table")).ToBeVisibleAsync();
            await AxeScan.ExpectNoSeriousViolationsAsync(page);
        }, TestContext.Current.CancellationToken);

    private static readonly TimeSpan LiveRefreshWindow = TimeSpan.FromSeconds(35);

    private static CultureInfo Culture => BrowserFixture.PageCulture;

    /// <summary>Replaces the focused field's text with <paramref name="day"/> in the page's culture, key by key.</summary>
    private static async Task TypeDayAsync(IPage page, DateOnly day)
    {
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(day.ToString("d", Culture));
    }

    [GeneratedRegex("[?&]tz=UTC(&|$)")]
    private static partial Regex TzInAddress();

    /// <summary>
    /// Opens /activity and waits until it has put the browser's zone into the address and loaded: a navigation away
    /// before that would be undone by the page's own.
    /// </summary>
    private static async Task OpenSettledActivityAsync(IPage page)
    {
        await ChromiumSession.OpenAsync(page, "/activity?range=7d");
        await Expect(page).ToHaveURLAsync(TzInAddress());
        await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
    }

    /// <summary>The API path for the query in the page's address (the metric only picks the chart, so it is dropped).</summary>
    private static string ApiPathFor(string pageUrl)
    {
        var query = QueryHelpers.ParseQuery(new Uri(pageUrl).Query)
            .Where(p => p.Key != "metric")
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString());

        return QueryHelpers.AddQueryString("/api/v1/activity", query) + (query.Count == 0 ? "?" : "");
    }

    private static async Task<JsonElement> GetApiAsync(IPage page, string path)
    {
        // page.APIRequest shares the context's cookies: the same signed-in session as the page.
        var response = await page.APIRequest.GetAsync(path);
        response.Status.Should().Be(200, await response.TextAsync());

        return (await response.JsonAsync())!.Value;
    }

    /// <summary>Waits until the cards show the API's totals for the page's current query, and returns the API's answer.</summary>
    private static async Task<JsonElement> ExpectKpisMatchApiAsync(IPage page, Regex? tzInAddress = null, CultureInfo? culture = null)
    {
        culture ??= Culture;
        await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(tzInAddress ?? TzInAddress());
        var json = await GetApiAsync(page, ApiPathFor(page.Url));
        var totals = json.GetProperty("totals");
        var spend = decimal.Parse(totals.GetProperty("spend").GetString()!, CultureInfo.InvariantCulture);
        var tokens = totals.GetProperty("tokensIn").GetInt64() + totals.GetProperty("tokensOut").GetInt64();
        var requests = totals.GetProperty("requests").GetInt64();

        await Expect(page.GetByTestId("kpi-spend-value")).ToHaveTextAsync(MoneyFormatter.Format(spend, culture));
        await Expect(page.GetByTestId("kpi-tokens-value")).ToHaveTextAsync(ActivityFormat.Count(tokens, culture));
        await Expect(page.GetByTestId("kpi-requests-value")).ToHaveTextAsync(ActivityFormat.Count(requests, culture));
        requests.Should().BePositive("every preset holds seeded rows; a zero would make the comparison hollow");

        return json;
    }

    /// <summary>The table's rows are the API's rows, in order (call ids sit in the first cell's title).</summary>
    private static async Task ExpectRowsAsync(IPage page, JsonElement json)
    {
        var expected = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("callId").GetString()!).ToArray();
        var cells = page.GetByTestId("request-row").Locator("td:first-child");
        await Expect(cells).ToHaveCountAsync(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            await Expect(cells.Nth(i)).ToHaveAttributeAsync("title", expected[i]);
        }
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static async Task ExpectErrorWithoutNumbersAsync(IPage page)
    {
        await Expect(page.GetByTestId("error-state")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-state")).ToContainTextAsync("Usage data unavailable");
        await Expect(page.GetByTestId("loaded-state")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid^='kpi-']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("request-row")).ToHaveCountAsync(0);
    }

    /// <summary>Clicks the radio button (range preset, metric, chart or table) named <paramref name="text"/>.</summary>
    private static Task ToggleAsync(IPage page, string text) =>
        page.GetByRole(AriaRole.Radio, new() { Name = text, Exact = true }).ClickAsync();

    /// <summary>Opens a MudSelect by its label and picks an option by its text.</summary>
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.Locator("div.mud-input-control.mud-select").Filter(new() { Has = page.Locator("label", new() { HasText = label }) }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(option) + "$") }).ClickAsync();
    }
}
