using System.ComponentModel.DataAnnotations;

namespace ActivityDashboard.Core.Configuration;

/// <summary>Dashboard settings (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The billing account every request is answered for, until sign-in exists. Server-side only: nothing in a request
    /// can change it. Required.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Dashboard:AccountId is required: the billing account (LiteLLM end_user) to show.")]
    public string AccountId { get; set; } = "";
}
