using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Charts;

namespace ActivityDashboard.Components.Controls;

/// <summary>A chart of a few series over labelled points, with a table view of the same numbers.</summary>
public sealed partial class ChartWithTable
{
    private static readonly IReadOnlyList<ChoiceOption<bool>> s_viewOptions = [new(false, "Chart"), new(true, "Table")];

    private bool _showTable;

    [Parameter, EditorRequired]
    public required string Title { get; set; }

    [Parameter, EditorRequired]
    public required string TestId { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<string> Labels { get; set; }

    /// <summary>One value per label; null where there is nothing to show (drawn as 0, shown as a dash).</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<NamedSeries> Series { get; set; }

    /// <summary>Formats a value for the table and the axis.</summary>
    [Parameter, EditorRequired]
    public required Func<double?, string> Format { get; set; }

    [Parameter]
    public string LabelHeader { get; set; } = "Time";

    [Parameter]
    public string? Caption { get; set; }

    [Parameter]
    public ChartType ChartType { get; set; } = ChartType.Line;

    /// <summary>What the chart says instead when every value is missing.</summary>
    [Parameter]
    public string NoDataText { get; set; } = "Nothing measured in this period yet.";

    /// <summary>Whether any series holds a measured value; without one the chart would draw missing values as zeros.</summary>
    private bool HasData => Series.Any(s => s.Values.Any(v => v is not null));

    private string[] ChartLabels => [.. Labels];

    private List<ChartSeries<double>> ChartSeries =>
    [
        .. Series.Select(s => new ChartSeries<double> { Name = s.Name, Data = new ChartData<double>([.. s.Values.Select(v => v ?? 0)]) }),
    ];

    private IChartOptions Options => ChartType == ChartType.Bar
        ? new BarChartOptions { YAxisTicks = 0, YAxisToStringFunc = value => Format(value), ShowLegend = Series.Count > 1 }
        : new LineChartOptions
        {
            YAxisTicks = 0,
            YAxisRequireZeroPoint = true,
            YAxisToStringFunc = value => Format(value),
            XAxisLabelInterval = Math.Max(1, (int)Math.Ceiling(Labels.Count / 8.0)),
            ShowLegend = Series.Count > 1,
        };
}

/// <summary>One line or set of bars: a name and one value per label.</summary>
public sealed record NamedSeries(string Name, IReadOnlyList<double?> Values);
