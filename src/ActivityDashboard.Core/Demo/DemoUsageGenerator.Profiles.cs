namespace ActivityDashboard.Core.Demo;

public sealed partial class DemoUsageGenerator
{
    private static readonly DemoModel[] s_models =
    [
        new("gpt-4o-mini", "openai", 0.15m, 0.60m, TokensPerSecond: 110, FirstTokenMs: 350),
        new("gpt-4o", "openai", 2.50m, 10.00m, TokensPerSecond: 70, FirstTokenMs: 550),
        new("claude-3-5-sonnet", "anthropic", 3.00m, 15.00m, TokensPerSecond: 60, FirstTokenMs: 800),
        new("claude-3-5-haiku", "anthropic", 0.80m, 4.00m, TokensPerSecond: 95, FirstTokenMs: 450),
        new("gemini-1.5-flash", "vertex_ai", 0.075m, 0.30m, TokensPerSecond: 150, FirstTokenMs: 300),
        new("mistral-large", "mistral", 2.00m, 6.00m, TokensPerSecond: 45, FirstTokenMs: 650),
    ];

    /// <summary>One model with its provider, list prices (USD per million tokens) and speed.</summary>
    private sealed record DemoModel(
        string Name,
        string Provider,
        decimal UsdPerMillionIn,
        decimal UsdPerMillionOut,
        double TokensPerSecond,
        double FirstTokenMs);

    /// <summary>How busy an account is, when its day peaks (UTC hour) and which models it prefers.</summary>
    private sealed class AccountProfile
    {
        private static readonly AccountProfile s_acme = new(560, peakHourUtc: 15, [30, 18, 20, 10, 14, 8]);
        private static readonly AccountProfile s_globex = new(420, peakHourUtc: 10, [12, 8, 35, 25, 10, 10]);
        private static readonly AccountProfile s_initech = new(330, peakHourUtc: 17, [20, 5, 10, 10, 35, 20]);
        private static readonly AccountProfile s_other = new(350, peakHourUtc: 13, [25, 15, 20, 15, 15, 10]);

        private readonly double _peakHourUtc;
        private readonly double _dayNormaliser;
        private readonly int[] _modelWeights;
        private readonly int _weightTotal;

        private AccountProfile(double callsPerDay, double peakHourUtc, int[] modelWeights)
        {
            CallsPerDay = callsPerDay;
            _peakHourUtc = peakHourUtc;
            _modelWeights = modelWeights;
            _weightTotal = modelWeights.Sum();

            // Scale the daily curve so that its mean over one day's slots is exactly 1.
            var slotsPerDay = (int)(TimeSpan.FromDays(1) / SlotLength);
            _dayNormaliser = Enumerable.Range(0, slotsPerDay).Average(i => RawIntensity((i + 0.5) * 24.0 / slotsPerDay));
        }

        public double CallsPerDay { get; }

        public static AccountProfile For(string accountId) => accountId switch
        {
            "acme-corp" => s_acme,
            "globex" => s_globex,
            "initech" => s_initech,
            _ => s_other,
        };

        /// <summary>The relative traffic at an instant: a working-day bump over a quiet night, mean 1 over a day.</summary>
        public double Intensity(DateTimeOffset slotStart)
        {
            var hour = slotStart.UtcDateTime.TimeOfDay.TotalHours + (SlotLength.TotalHours / 2);

            return RawIntensity(hour) / _dayNormaliser;
        }

        public DemoModel PickModel(Random random)
        {
            var ticket = random.Next(_weightTotal);
            for (var i = 0; i < _modelWeights.Length; i++)
            {
                ticket -= _modelWeights[i];
                if (ticket < 0)
                {
                    return s_models[i];
                }
            }

            return s_models[^1];
        }

        private double RawIntensity(double hourUtc)
        {
            var distance = Math.Abs(hourUtc - _peakHourUtc);
            distance = Math.Min(distance, 24 - distance);

            return 0.25 + (1.6 * Math.Exp(-(distance * distance) / (2 * 3.5 * 3.5)));
        }
    }
}
