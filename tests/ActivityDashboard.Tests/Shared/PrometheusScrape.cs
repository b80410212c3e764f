using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ActivityDashboard.Tests.Shared;

/// <summary>A <c>/metrics</c> answer in Prometheus' text format, read into samples.</summary>
public sealed partial class PrometheusScrape
{
    private PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>GETs <c>/metrics</c> with <paramref name="client"/>, expects 200 (showing the body otherwise) and parses it.</summary>
    public static async Task<PrometheusScrape> GetAsync(HttpClient client)
    {
        var cancellationToken = Xunit.TestContext.Current.CancellationToken;
        using var response = await client.GetAsync("/metrics", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);

        return Parse(text);
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (line.StartsWith('#') || !match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels, value));
        }

        return new PrometheusScrape(text, samples);
    }

    /// <summary>The metric family names exposed (a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c> included).</summary>
    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The value of the one sample named <paramref name="name"/> whose labels include <paramref name="labels"/>
    /// (<c>key=value</c> pairs), or null when there is none.
    /// </summary>
    public double? Value(string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToList();
        var matching = Samples
            .Where(s => s.Name == name && wanted.All(w => s.Labels.TryGetValue(w[0], out var v) && v == w[1]))
            .ToList();
        matching.Should().HaveCountLessThanOrEqualTo(1, $"one series of {name} has labels {string.Join(", ", labels)}");

        return matching.SingleOrDefault()?.Value;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}

/// <summary>One sample line of a scrape.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
