using System.Globalization;
using System.Text;
using ActivityDashboard.Core.Activity;
using NodaTime;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// Writes an <see cref="ActivityExport"/> as CSV (RFC 4180, CRLF line ends): comment lines (<c># </c>) naming the
/// account, range, preset, zone, step and breakdown and the orphan receipts; then the request section and the bucket
/// section, each after a <c># requests</c> / <c># buckets</c> line and a header row; with a breakdown, a last
/// <c># groups</c> section with each group's buckets.
/// </summary>
/// <remarks>
/// The request lines' billed amounts add up to the buckets' spend less the orphan receipts (billed without a matching
/// call, so without a request line), which the header lines count and sum: the file explains its own totals.
/// </remarks>
/// <remarks>
/// Money is the exact culture-invariant decimal of <see cref="MoneyFormatter.FormatInvariant"/>; a missing billed
/// amount is an empty field, never zero. Text that comes from LiteLLM (call id, model, provider) is quoted when it
/// holds a comma, quote, CR or LF, and a field starting with <c>= + - @</c>, tab or CR gets a leading apostrophe so
/// a spreadsheet shows it as text instead of running it as a formula. Numbers and times written here never start
/// with such a character except a negative amount, which is left as a number so sums stay exact.
/// </remarks>
internal static class ActivityCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Rows written between flushes of the response body.</summary>
    public const int FlushEveryRows = 500;

    /// <summary>The line end (RFC 4180).</summary>
    public const string NewLine = "\r\n";

    /// <summary>An instant on the viewer's wall clock, with its offset.</summary>
    public const string LocalTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    private const string UtcTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>
    /// The download's file name, <c>activity-&lt;account&gt;-&lt;from&gt;-&lt;to&gt;.csv</c> with the instants in
    /// compact UTC; every character outside <c>A-Z a-z 0-9 . _ -</c> becomes <c>_</c>.
    /// </summary>
    public static string FileName(ActivityQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        return FileName("activity", query.AccountId, query.From, query.To);
    }

    /// <summary>
    /// <c>&lt;kind&gt;-&lt;account&gt;-&lt;from&gt;-&lt;to&gt;.csv</c> with the instants in compact UTC; every
    /// character outside <c>A-Z a-z 0-9 . _ -</c> becomes <c>_</c>.
    /// </summary>
    public static string FileName(string kind, string account, DateTimeOffset from, DateTimeOffset to)
    {
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{kind}-{account}-{from.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{to.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv");
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return safe.ToString();
    }

    /// <summary>
    /// A CSV download: <paramref name="fileName"/> as an attachment, never cached, written by <paramref name="write"/>
    /// through one UTF-8 (no BOM) writer on the response body. Both exports answer this way, after everything they
    /// write has been computed, so a failure before it is still a problem document.
    /// </summary>
    public static IResult Download(HttpContext httpContext, string fileName, Func<TextWriter, CancellationToken, Task> write)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(write);

        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        httpContext.Response.Headers.CacheControl = "no-store";

        return TypedResults.Stream(
            async body =>
            {
                await using var writer = CreateWriter(body);
                await write(writer, httpContext.RequestAborted);
            },
            ContentType);
    }

    /// <summary>The writer every CSV download goes through: UTF-8 without a byte order mark, a 16 KiB buffer.</summary>
    public static StreamWriter CreateWriter(Stream body) =>
        new(body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);

    /// <summary>Writes the whole export, flushing every <see cref="FlushEveryRows"/> rows.</summary>
    public static async Task WriteAsync(
        TextWriter writer,
        ActivityExport export,
        bool includeProviderCost,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(export);

        var query = export.Report.Query;
        var zone = DateTimeZoneProviders.Tzdb[query.TimeZoneId];
        await writer.WriteAsync("# ActivityDashboard activity export" + NewLine);
        await writer.WriteAsync("# account: " + query.AccountId + NewLine);
        await writer.WriteAsync("# from: " + Utc(query.From) + NewLine);
        await writer.WriteAsync("# to: " + Utc(query.To) + NewLine);
        await writer.WriteAsync("# preset: " + (query.Preset?.Code ?? "none") + NewLine);
        await writer.WriteAsync("# zone: " + query.TimeZoneId + NewLine);
        await writer.WriteAsync("# step: " + query.Step.Code + NewLine);
        await writer.WriteAsync("# breakdown: " + query.GroupBy.ToString().ToLowerInvariant() + NewLine);
        await writer.WriteAsync("# orphan_receipts: " + export.Report.OrphanReceipts.Count.ToString(CultureInfo.InvariantCulture) + NewLine);
        await writer.WriteAsync("# orphan_receipts_spend: " + MoneyFormatter.FormatInvariant(export.Report.OrphanReceipts.Spend) + NewLine);

        await writer.WriteAsync("# requests" + NewLine);
        await writer.WriteAsync(
            "time,time_utc,call_id,model,provider,tokens_in,tokens_out,billed,status"
            + (includeProviderCost ? ",provider_cost" : "")
            + NewLine);
        var written = 0;
        foreach (var row in export.Rows)
        {
            await writer.WriteAsync(RequestLine(row, zone, includeProviderCost));
            if (++written % FlushEveryRows == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        var bucketHeader = "start,end,partial,requests,tokens_in,tokens_out,spend" + (includeProviderCost ? ",provider_cost" : "");
        await writer.WriteAsync("# buckets" + NewLine);
        await writer.WriteAsync(bucketHeader + NewLine);
        foreach (var bucket in export.Report.Buckets)
        {
            await writer.WriteAsync(BucketLine(bucket, includeProviderCost) + NewLine);
        }

        if (export.Report.Groups.Count > 0)
        {
            await writer.WriteAsync("# groups" + NewLine);
            await writer.WriteAsync("group," + bucketHeader + NewLine);
            foreach (var group in export.Report.Groups)
            {
                foreach (var bucket in group.Buckets)
                {
                    await writer.WriteAsync(Text(group.Key) + "," + BucketLine(bucket, includeProviderCost) + NewLine);
                }
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// One field: neutralised against formula injection (leading apostrophe), then quoted when it holds a comma,
    /// quote, CR or LF, with quotes doubled.
    /// </summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string RequestLine(ActivityRow row, DateTimeZone zone, bool includeProviderCost)
    {
        var line = new StringBuilder(160)
            .Append(ActivityResponseMapper.InZone(row.StartTime, zone).ToString(LocalTimeFormat, CultureInfo.InvariantCulture)).Append(',')
            .Append(Utc(row.StartTime)).Append(',')
            .Append(Text(row.CallId)).Append(',')
            .Append(Text(row.Model)).Append(',')
            .Append(Text(row.Provider)).Append(',')
            .Append(row.TokensIn.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(row.TokensOut.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(row.Billed is { } billed ? MoneyFormatter.FormatInvariant(billed) : "").Append(',')
            .Append(row.Status == UsageStatus.Failure ? "failure" : "success");
        if (includeProviderCost)
        {
            line.Append(',').Append(MoneyFormatter.FormatInvariant(row.ProviderCost));
        }

        return line.Append(NewLine).ToString();
    }

    private static string BucketLine(ActivityBucket bucket, bool includeProviderCost)
    {
        var line = string.Join(
            ',',
            bucket.Start.ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
            bucket.End.ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
            bucket.Partial ? "true" : "false",
            bucket.Requests.ToString(CultureInfo.InvariantCulture),
            bucket.TokensIn.ToString(CultureInfo.InvariantCulture),
            bucket.TokensOut.ToString(CultureInfo.InvariantCulture),
            MoneyFormatter.FormatInvariant(bucket.Spend));

        return includeProviderCost ? line + "," + MoneyFormatter.FormatInvariant(bucket.ProviderCost) : line;
    }

    /// <summary>An instant in UTC, ISO 8601 with a <c>Z</c>.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(UtcTimeFormat, CultureInfo.InvariantCulture);
}
