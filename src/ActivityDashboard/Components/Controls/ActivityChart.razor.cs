using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Charts;

namespace ActivityDashboard.Components.Controls;

public sealed partial class ActivityChart
{
    private static readonly IReadOnlyList<ChoiceOption<bool>> s_viewOptions = [new(false, "Chart"), new(true, "Table")];

    [Parameter, EditorRequired]
    public required ActivityReport Report { get; set; }

    [Parameter, EditorRequired]
    public required ActivityMetric Metric { get; set; }

    [Parameter, EditorRequired]
    public required CultureInfo Culture { get; set; }

    /// <summary>
    /// The table view instead of the chart. The page keeps it in its address (<c>view=table</c>), so the choice
    /// survives every reload of the numbers and goes along with a shared link.
    /// </summary>
    [Parameter]
    public bool ShowTable { get; set; }

    [Parameter]
    public EventCallback<bool> ShowTableChanged { get; set; }

    /// <summary>Operators only: a provider-cost column in the table view.</summary>
    [Parameter]
    public bool ShowProviderCost { get; set; }

    private string Title => Metric switch
    {
        ActivityMetric.Spend => "Spend over time",
        ActivityMetric.Tokens => "Tokens over time",
        _ => "Requests over time",
    };

    private string MetricName => Metric.ToString().ToLowerInvariant();

    private string[] Labels => ActivityFormat.BucketLabels(Report.Buckets, Report.Query.Step, Culture);

    // The chart draws doubles; this is the only place money becomes a double, and only as a pixel position. Every
    // number a person reads (axis, tooltip, table) is formatted from the decimal.
    private List<ChartSeries<double>> Series => Report.Groups.Count > 0
        ? Report.Groups.Select(g => NewSeries(g.Key, g.Buckets)).ToList()
        : [NewSeries(Title, Report.Buckets)];

    // A line needs two points: one bucket alone (the last hour in 1d steps) drew a lone dot at the edge, so it is a bar.
    private ChartType Kind => Report.Groups.Count > 0
        ? ChartType.StackedBar
        : Report.Buckets.Count == 1 ? ChartType.Bar : ChartType.Line;

    private IChartOptions Options => Kind switch
    {
        ChartType.Bar => new BarChartOptions
        {
            YAxisTicks = AutomaticTickSpacing,
            YAxisToStringFunc = FormatAxisValue,
            XAxisTitle = XAxisTitle,
            ShowLegend = false,
        },
        ChartType.StackedBar => new StackedBarChartOptions
        {
            ChartPalette = GroupColors(Report.Groups.Select(g => g.Key).ToList()),
            YAxisTicks = AutomaticTickSpacing,
            YAxisToStringFunc = FormatAxisValue,
            XAxisLabelInterval = LabelInterval,
            XAxisTitle = XAxisTitle,
            ShowLegend = true,
        },
        _ => new LineChartOptions
        {
            YAxisTicks = AutomaticTickSpacing,
            YAxisRequireZeroPoint = true,
            YAxisToStringFunc = FormatAxisValue,
            XAxisLabelInterval = LabelInterval,
            XAxisTitle = XAxisTitle,
            ShowLegend = false,
        },
    };

    // Okabe and Ito's colours, told apart with every common colour-vision deficiency and on both themes' surfaces.
    // MudBlazor's default palette gave two breakdown groups nearly the same green.
    private static readonly string[] s_namedGroupColors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"];
    private const string OtherGroupColor = "#999999";
    private const string UnattributedGroupColor = "#D55E00";

    /// <summary>
    /// One colour per breakdown group, in the groups' order: the named groups (at most five) take distinct colours, and
    /// "Other" and "Unattributed" always the same grey and vermilion, so they read the same in every view.
    /// </summary>
    internal static string[] GroupColors(IReadOnlyList<string> groupKeys)
    {
        var named = 0;

        return
        [
            .. groupKeys.Select(key => key switch
            {
                ActivityGroup.OtherKey => OtherGroupColor,
                ActivityGroup.UnattributedKey => UnattributedGroupColor,
                _ => s_namedGroupColors[named++ % s_namedGroupColors.Length],
            }),
        ];
    }

    // MudBlazor picks a round tick spacing that fits the values when given 0; its default (20) would flatten a day
    // of cents into a line on the axis.
    private const int AutomaticTickSpacing = 0;

    // As many labels as fit under the chart without touching (about 7.5 units a character of MudBlazor's 700-unit-wide
    // drawing, with a gap); "11/26 12:00 PM*" in en-US fits fewer than "26.11 12:00*" in de-DE. The table view has
    // every bucket.
    private int LabelInterval
    {
        get
        {
            var labels = Labels;
            if (labels.Length == 0)
            {
                return 1;
            }

            var fitting = Math.Max(2, (int)(620 / (labels.Max(l => l.Length) * 7.5 + 16)));
            return Math.Max(1, (int)Math.Ceiling(labels.Length / (double)fitting));
        }
    }

    private string FormatAxisValue(double value) => ActivityFormat.AxisValue(value, Scale, Metric, Culture);

    // MudBlazor spaces ticks in whole units, so small amounts (a few cents an hour) are drawn scaled up by a power of
    // ten until the largest reaches 10, and the axis labels divide it back out.
    private double Scale { get; set; } = 1;

    protected override void OnParametersSet()
    {
        // The buckets hold the stacked totals, so their largest value is the top of the chart either way.
        var largest = Report.Buckets.Count == 0 ? 0 : Report.Buckets.Max(b => Math.Abs(RawValue(b)));
        // Counts are never scaled: whole-unit gridlines are what they need, and a scaled count put gridlines at half a
        // request, both labelled "1".
        Scale = Metric == ActivityMetric.Spend && largest is > 0 and < 10
            ? Math.Pow(10, Math.Ceiling(Math.Log10(10 / largest)))
            : 1;
    }

    /// <summary>The time axis names the zone its labels are in, e.g. <c>Bucket start (Europe/Berlin)</c>.</summary>
    private string XAxisTitle => "Bucket start (" + Report.Query.TimeZoneId + ")";

    /// <summary>
    /// What the value axis counts, named in the caption above the chart rather than as a rotated axis title: MudBlazor
    /// places that title at a fixed spot, and wide tick labels (<c>$0.06</c> at some widths, <c>1,000,000</c>) ran into it.
    /// </summary>
    private string ValueName => Metric switch
    {
        ActivityMetric.Spend => "Spend (USD)",
        ActivityMetric.Tokens => "Tokens (in + out)",
        _ => "Requests",
    };

    // A data point's tooltip reads like the table: the value as the axis formats it (money through the one formatter,
    // counts with the culture's separators), then the bucket and its zone.
    private ChartSeries<double> NewSeries(string name, IReadOnlyList<ActivityBucket> buckets) => new()
    {
        Name = name,
        Data = new ChartData<double>(buckets.Select(Value).ToList()),
        TooltipTitleFormat = "{{SERIES_NAME}}: {{Y_AXIS_VALUE}}",
        TooltipSubtitleFormat = "{{X_VALUE}} (" + Report.Query.TimeZoneId + ")",
    };

    private double Value(ActivityBucket bucket) => RawValue(bucket) * Scale;

    private double RawValue(ActivityBucket bucket) => Metric switch
    {
        ActivityMetric.Spend => (double)bucket.Spend,
        ActivityMetric.Tokens => bucket.TokensIn + bucket.TokensOut,
        _ => bucket.Requests,
    };

    private string FormatValue(ActivityBucket bucket) => Metric switch
    {
        ActivityMetric.Spend => MoneyFormatter.Format(bucket.Spend, Culture),
        ActivityMetric.Tokens => ActivityFormat.Count(bucket.TokensIn + bucket.TokensOut, Culture),
        _ => ActivityFormat.Count(bucket.Requests, Culture),
    };
}
