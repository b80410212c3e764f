using System.Text;

namespace ActivityDashboard.Tests.Endpoints;

/// <summary>
/// Reads an export as an RFC 4180 parser would (quoted fields may hold commas, quotes and line breaks) and splits it
/// into its comment lines, request section and bucket section.
/// </summary>
internal sealed record CsvDocument(
    IReadOnlyList<string> Comments,
    IReadOnlyList<string> RequestHeader,
    IReadOnlyList<IReadOnlyList<string>> Requests,
    IReadOnlyList<string> BucketHeader,
    IReadOnlyList<IReadOnlyList<string>> Buckets,
    IReadOnlyList<string> GroupHeader,
    IReadOnlyList<IReadOnlyList<string>> Groups)
{
    public string Comment(string name) =>
        Comments.Single(c => c.StartsWith("# " + name + ": ", StringComparison.Ordinal))[("# ".Length + name.Length + 2)..];

    public string RequestField(int row, string column) => Requests[row][IndexOf(RequestHeader, column)];

    public string BucketField(int row, string column) => Buckets[row][IndexOf(BucketHeader, column)];

    public static CsvDocument Parse(string text)
    {
        var records = ParseRecords(text);
        var requestsAt = records.FindIndex(r => r is ["# requests"]);
        var bucketsAt = records.FindIndex(r => r is ["# buckets"]);
        var groupsAt = records.FindIndex(r => r is ["# groups"]);
        requestsAt.Should().BeGreaterThan(0, "the request section follows the header lines");
        bucketsAt.Should().BeGreaterThan(requestsAt, "the bucket section follows the request section");
        var bucketsEnd = groupsAt < 0 ? records.Count : groupsAt;

        return new CsvDocument(
            records.Take(requestsAt).Select(r => r.Should().ContainSingle().Subject).ToList(),
            records[requestsAt + 1],
            records.Skip(requestsAt + 2).Take(bucketsAt - requestsAt - 2).ToList(),
            records[bucketsAt + 1],
            records.Skip(bucketsAt + 2).Take(bucketsEnd - bucketsAt - 2).ToList(),
            groupsAt < 0 ? [] : records[groupsAt + 1],
            groupsAt < 0 ? [] : records.Skip(groupsAt + 2).ToList());
    }

    /// <summary>Every record; each must end with CRLF, and a quoted field may span lines.</summary>
    public static List<IReadOnlyList<string>> ParseRecords(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else if (text[i] == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                text[i + 1].Should().Be('\n', "records end with CRLF");
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
                i += 2;
            }
            else
            {
                text[i].Should().NotBe('\n', "a bare LF appears only inside a quoted field");
                text[i].Should().NotBe('"', "a quote appears only in a quoted field, doubled");
                field.Append(text[i++]);
            }
        }

        (fields.Count + field.Length).Should().Be(0, "the last record ends with CRLF");

        return records;
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        var index = header.ToList().IndexOf(column);
        index.Should().BeGreaterThanOrEqualTo(0, $"the header has a '{column}' column");

        return index;
    }
}
