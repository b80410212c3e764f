using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ActivityDashboard.Tests.Browser;

/// <summary>An axe-core scan of the page as it is now, failing on any serious or critical violation.</summary>
public static class AxeScan
{
    /// <summary>Waits for running CSS transitions to end, scans, and lists each blocking rule with its first nodes.</summary>
    public static async Task ExpectNoSeriousViolationsAsync(IPage page)
    {
        // Colours mid-transition (a toggle fading out, the theme switching) are neither palette's; scan the settled page.
        await page.EvaluateAsync(
            "() => Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))");
        var result = await page.RunAxe();
        var blocking = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html + " " + string.Join("; ", n.Any.Select(c => c.Message))))})")
            .ToList();
        blocking.Should().BeEmpty();
    }
}
