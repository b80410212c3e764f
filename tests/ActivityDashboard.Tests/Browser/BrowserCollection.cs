namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// Every browser test runs one after the other: the machine has two cores, and the tests that stop or break a stub
/// take it away from every test of its fixture while they run. /activity's tests share <see cref="BrowserFixture"/>,
/// the operator views' tests <see cref="OperatorBrowserFixture"/> (its own app, with the gateway probe on).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<OperatorBrowserFixture>
{
    public const string Name = "Browser";
}
