using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Support;
using Npgsql;

namespace IntroProgram.Web.Tests.Reports;

/// <summary>Reading the report pages' tables and CSV files, and counting the same things with plain SQL.</summary>
internal static partial class ReportTestSupport
{
    public static DateOnly Today => ParticipantTestData.Today;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The numbers of one report table, by the cells' data-key.</summary>
    public static Dictionary<string, decimal> TableValues(string html, string report)
    {
        var table = Regex.Match(html, $"<table class=\"ds-table report-table\" data-report=\"{Regex.Escape(report)}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"The page has no {report} table.");
        var values = new Dictionary<string, decimal>();
        foreach (Match cell in CellPattern().Matches(table.Groups[1].Value))
        {
            values[WebUtility.HtmlDecode(cell.Groups[1].Value)] = decimal.Parse(cell.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        return values;
    }

    /// <summary>A key figure (a dd with data-key) as a whole number.</summary>
    public static int KeyFigure(string html, string key)
    {
        var match = Regex.Match(html, $"<dd data-key=\"{Regex.Escape(key)}\"[^>]*>\\s*([\\d\\s\u00a0]+)");
        Assert.True(match.Success, $"The page has no key figure {key}.");
        return int.Parse(Regex.Replace(match.Groups[1].Value, "\\s", ""), CultureInfo.InvariantCulture);
    }

    public static async Task<byte[]> DownloadAsync(this TestClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// Parses CSV as Excel reads it: UTF-8 after a byte order mark, semicolons, double quotes around a cell that holds
    /// a separator, a quote or a line break. Fails when the byte order mark is missing.
    /// </summary>
    public static List<string[]> ParseExcelCsv(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The file does not start with a UTF-8 byte order mark.");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }
        Assert.True(row.Count == 0 && cell.Length == 0, "The file does not end with a line break.");
        return rows;
    }

    /// <summary>Runs SQL as the app's own database role, bound to one municipality, and reads (key, count) rows.</summary>
    public static async Task<Dictionary<string, long>> CountsAsync(this AppFactory app, Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await TenantSession.UseTenantAsync(connection, tenant);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary>A participant of a given birth date and programme history, with a name no other test uses.</summary>
    public static Task<TestParticipant> ParticipantAsync(this AppFactory app, string municipality, DateOnly birth, DateOnly programmeStart,
        Func<ParticipantDetails, ParticipantDetails>? change = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return app.CreateParticipantAsync(municipality, d =>
        {
            d = d with
            {
                GivenName = "Rapport" + suffix, FamilyName = "Tester" + suffix, BirthDate = birth, NationalId = TestNationalIds.For(birth),
                PermitDate = programmeStart.AddDays(-90), SettlementDate = programmeStart.AddDays(-60), ProgrammeStart = programmeStart,
            };
            return change is null ? d : change(d);
        });
    }

    /// <summary>Logs <paramref name="total"/> hours of one category as whole days of at most 20 hours, from <paramref name="first"/> on.</summary>
    public static async Task<DateOnly> LogManyAsync(this AppFactory app, TestParticipant p, DateOnly first, HourCategory category, decimal total)
    {
        var day = first;
        while (total > 0)
        {
            var hours = Math.Min(20m, total);
            await app.LogHoursAsync(p, day, category, hours);
            total -= hours;
            if (total > 0)
            {
                day = day.AddDays(1);
            }
        }
        return day;
    }

    [GeneratedRegex("<td class=\"num\" data-key=\"([^\"]+)\" data-value=\"([-0-9.]+)\"")]
    private static partial Regex CellPattern();
}
