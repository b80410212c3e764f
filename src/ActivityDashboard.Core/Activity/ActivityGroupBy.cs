namespace ActivityDashboard.Core.Activity;

/// <summary>How the breakdown groups calls (spec section 6, <c>groupBy</c>).</summary>
public enum ActivityGroupBy
{
    /// <summary>No breakdown.</summary>
    None,

    /// <summary>By model.</summary>
    Model,

    /// <summary>By provider.</summary>
    Provider,
}
