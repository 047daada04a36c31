using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Npgsql;

// The raw baseline of the HTTP benchmark: not part of the product. It answers the same five requests as the product
// pages under test with the same SQL statements the product sends for them (read off the product's command log),
// through plain Npgsql on the same app role under the same row-level security, and writes the rows as minimal HTML:
// no MVC, no EF Core, no Identity, no localisation, no layout. The product's throughput divided by this one's is
// the overhead of everything the product adds on top of its queries.
//
// Settings (environment): BASELINE_CONNECTION (the app role's connection string), BASELINE_TENANT (the municipality),
// BASELINE_USER (the benchmark coordinator). Address: --urls.

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

// The same session settings as the product's: no JIT compiler, no parallel workers.
var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Setting("BASELINE_CONNECTION"))
{
    Options = "-c jit=off -c max_parallel_workers_per_gather=0",
}.ConnectionString);
var tenant = Guid.Parse(Setting("BASELINE_TENANT"));
var user = Guid.Parse(Setting("BASELINE_USER"));
var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, oslo).DateTime);

const int PageSize = 25;
const int TimelinePage = 20;
string[] ruleSetIds = ["introduksjonsloven-2003", "integreringsloven-2021", "forslag-aldersgrense-60"];
decimal[] norwegianRequired = [550m, 550m, 550m];
decimal[] socialRequired = [50m, 75m, 75m];
int[] startMonths = [3, 3, 3];

app.MapGet("/participants", async (HttpContext http, int? page, int? size) =>
{
    // The page sizes the product offers (25, 50, 100), 25 otherwise.
    var pageSize = size is 50 or 100 ? size.Value : PageSize;
    await using var db = await OpenAsync();
    var html = Html("Deltakere");
    int[] statuses = [1];
    var total = await TableAsync(db, html, "SELECT count(*)::int FROM participants AS p WHERE p.tenant_id = $1 AND p.status = ANY ($2)", tenant, statuses);
    var offset = (Math.Max(1, page ?? 1) - 1) * pageSize;
    await TableAsync(db, html, """
        SELECT p.id, p.given_name, p.family_name, p.national_id_masked, p.status,
               (SELECT u.display_name FROM users AS u WHERE u.tenant_id = $1 AND u.id = p.coordinator_id LIMIT 1),
               p.programme_start, p.evidence_deadline, p.rule_set_id, p1.norwegian_hours, p1.social_studies_hours,
               EXISTS (SELECT 1 FROM risk_flags AS r WHERE r.tenant_id = $1 AND r.participant_id = p.id AND r.resolved_at IS NULL)
        FROM participants AS p
        INNER JOIN (SELECT p0.tenant_id, p0.participant_id, p0.norwegian_hours, p0.social_studies_hours
                    FROM participant_totals AS p0 WHERE p0.tenant_id = $1) AS p1
          ON p.tenant_id = p1.tenant_id AND p.id = p1.participant_id
        WHERE p.tenant_id = $1 AND p.status = ANY ($2)
        ORDER BY p1.norwegian_hours DESC, p.family_name, p.given_name, p.id
        LIMIT $3 OFFSET $4
        """, tenant, statuses, pageSize, offset);
    await TableAsync(db, html, """
        SELECT u.id, u.display_name FROM users AS u
        WHERE u.tenant_id = $1 AND u.is_active AND EXISTS (
            SELECT 1 FROM user_roles AS u0 JOIN roles r ON r.id = u0.role_id
            WHERE u0.tenant_id = $1 AND u0.user_id = u.id AND r.name = 'coordinator')
        ORDER BY u.display_name
        """, tenant);
    return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
});

app.MapGet("/participants/{id:guid}", async (Guid id) =>
{
    await using var db = await OpenAsync();
    var html = Html("Deltaker");
    var today = Today();
    if (await TableAsync(db, html, """
            SELECT p.tenant_id, p.id, p.birth_date, p.caseworker_id, p.coordinator_id, p.country_of_origin, p.created_at, p.created_by,
                   p.education_background, p.end_goal, p.ended_on, p.evidence_deadline, p.extended_to, p.extra_norwegian_hours_granted,
                   p.family_name, p.gender, p.given_name, p.national_id_kind, p.national_id_masked, p.permit_date, p.planned_end,
                   p.preferred_language, p.programme_start, p.research_opt_out, p.rule_set_id, p.settlement_date, p.social_studies_language,
                   p.status, p.status_changed_on, p.updated_at, p.user_id, p.xmin
            FROM participants AS p WHERE p.tenant_id = $1 AND p.id = $2 LIMIT 1
            """, tenant, id) == 0)
    {
        return Results.NotFound();
    }
    await TableAsync(db, html, """
        SELECT p.tenant_id, p.participant_id, p.career_guidance_hours, p.education_oriented_hours, p.excused_absence_hours, p.extra_norwegian_hours,
               p.last_entry_date, p.live_entry_count, p.norwegian_hours, p.social_studies_hours, p.unexcused_absence_hours, p.work_oriented_hours
        FROM participant_totals AS p WHERE p.tenant_id = $1 AND p.participant_id = $2 LIMIT 1
        """, tenant, id);
    await TableAsync(db, html, """
        SELECT d.tenant_id, d.id, d.decided_by, d.decided_on, d.extended_to, d.extra_hours_total, d.kind, d.leave_type, d.outcome,
               d.participant_id, d.period_end, d.period_start, d.reason, d.recorded_at
        FROM decisions AS d WHERE d.tenant_id = $1 AND d.participant_id = $2 ORDER BY d.decided_on DESC, d.recorded_at DESC
        """, tenant, id);
    await TableAsync(db, html, """
        SELECT p.tenant_id, p.participant_id, p.week_start, p.norwegian_hours, p.other_hours, p.social_studies_hours
        FROM participant_weeks AS p WHERE p.tenant_id = $1 AND p.participant_id = $2 AND p.week_start >= $3 ORDER BY p.week_start
        """, tenant, id, today.AddDays(-7 * 53));
    await TableAsync(db, html, """
        SELECT t.tenant_id, t.id, t.kind, t.language, t.listening, t.note, t.oral, t.participant_id, t.passed, t.reading, t.recorded_at,
               t.recorded_by, t.taken_on, t.writing
        FROM test_results AS t WHERE t.tenant_id = $1 AND t.participant_id = $2 ORDER BY t.taken_on DESC
        """, tenant, id);
    await TableAsync(db, html, """
        SELECT r.tenant_id, r.id, r.acknowledged_at, r.acknowledged_by, r.acknowledgement_note, r.facts, r.first_seen_at,
               r.last_evaluated_at, r.participant_id, r.resolved_at, r.rule, r.severity
        FROM risk_flags AS r WHERE r.tenant_id = $1 AND r.participant_id = $2 AND r.resolved_at IS NULL ORDER BY r.severity DESC
        """, tenant, id);
    await TableAsync(db, html, "SELECT m.name, m.number FROM municipalities AS m WHERE m.id = $1 LIMIT 1", tenant);
    await TableAsync(db, html, """
        SELECT h.category, COALESCE(sum(h.hours), 0.0) FROM hour_entries AS h
        WHERE h.tenant_id = $1 AND h.participant_id = $2 AND h.voided_at IS NULL AND h.date <= $3 AND h.category IN (0, 1)
        GROUP BY h.category
        """, tenant, id, today.AddYears(3));
    await TableAsync(db, html, "SELECT c.kind, c.id, c.number FROM certificates AS c WHERE c.tenant_id = $1 AND c.participant_id = $2 AND c.revoked_at IS NULL", tenant, id);
    await TableAsync(db, html, """
        SELECT u0.email, u0.is_active, u0.password_hash IS NOT NULL
        FROM participants AS p
        INNER JOIN (SELECT u.id, u.email, u.is_active, u.password_hash FROM users AS u WHERE u.tenant_id = $1) AS u0 ON p.user_id = u0.id
        WHERE p.tenant_id = $1 AND p.id = $2 AND p.user_id IS NOT NULL LIMIT 1
        """, tenant, id);
    await ExecuteAsync(db, null, """
        INSERT INTO audit_events (tenant_id, action, actor_id, at, details, participant_id, record_id, record_type)
        VALUES ($1, 'Read', $2, now(), NULL, $3, $4, 'Participant')
        """, tenant, user, id, id.ToString());
    // The first page of the timeline: hours and absence, newest first (decisions and tests come from the lists above).
    await TableAsync(db, html, """
        SELECT h.id, h.date, h.recorded_at, h.recorded_by, h.category, h.hours, h.voided_at, h.void_reason, h.note, h.source
        FROM hour_entries AS h WHERE h.tenant_id = $1 AND h.participant_id = $2 ORDER BY h.date DESC, h.recorded_at DESC LIMIT $3
        """, tenant, id, TimelinePage + 1);
    await TableAsync(db, html, """
        SELECT a.id, a.date, a.recorded_at, a.recorded_by, a.excused, a.hours, a.voided_at, a.void_reason, a.reason
        FROM absence_entries AS a WHERE a.tenant_id = $1 AND a.participant_id = $2 ORDER BY a.date DESC, a.recorded_at DESC LIMIT $3
        """, tenant, id, TimelinePage + 1);
    await TableAsync(db, html, "SELECT u.id, u.display_name, u.title FROM users AS u WHERE u.tenant_id = $1 AND u.id = ANY ($2)", tenant, new[] { user });
    return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
});

app.MapPost("/participants/{id:guid}/hours/new", async (Guid id, HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    if (!DateOnly.TryParse(form["Date"], CultureInfo.InvariantCulture, out var date)
        || !decimal.TryParse(form["Hours"].ToString().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var hours)
        || !Guid.TryParse(form["FormToken"], out var token))
    {
        return Results.BadRequest();
    }
    var category = form["Category"].ToString() switch
    {
        "Norwegian" => 0, "SocialStudies" => 1, "CareerGuidance" => 2, "WorkOriented" => 3, "EducationOriented" => 4, _ => 2,
    };
    await using var db = await OpenAsync();
    await using var tx = await db.BeginTransactionAsync();
    await ExecuteAsync(db, tx, "SELECT * FROM participant_totals WHERE tenant_id = $1 AND participant_id = ANY($2) ORDER BY participant_id FOR UPDATE", tenant, new[] { id });
    await ExecuteAsync(db, tx, "SELECT p.id, p.status, p.programme_start, p.xmin FROM participants AS p WHERE p.tenant_id = $1 AND p.id = ANY ($2)", tenant, new[] { id });
    var entry = Guid.CreateVersion7();
    if (await ExecuteAsync(db, tx, "INSERT INTO form_submissions (tenant_id, token, kind, result_id, at) VALUES ($1, $2, 'hours', $3, now()) ON CONFLICT (tenant_id, token) DO NOTHING",
            tenant, token, entry.ToString()) == 0)
    {
        return Results.Redirect($"/participants/{id}");
    }
    await using (var sum = Command(db, tx, "SELECT COALESCE(sum(h.hours), 0.0) FROM hour_entries AS h WHERE h.tenant_id = $1 AND h.participant_id = $2 AND h.date = $3 AND h.voided_at IS NULL", tenant, id, date))
    {
        if ((decimal)(await sum.ExecuteScalarAsync())! + hours > 24m)
        {
            return Results.BadRequest();
        }
    }
    var week = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
    await ExecuteAsync(db, tx, "SELECT * FROM participant_weeks AS p WHERE p.tenant_id = $1 AND p.participant_id = $2 AND p.week_start = $3 LIMIT 1", tenant, id, week);
    await ExecuteAsync(db, tx, "INSERT INTO audit_events (tenant_id, action, actor_id, at, details, participant_id, record_id, record_type) VALUES ($1, 'Create', $2, now(), NULL, $3, $4, 'HourEntry')",
        tenant, user, id, entry.ToString());
    await ExecuteAsync(db, tx, "INSERT INTO hour_entries (id, tenant_id, category, date, hours, participant_id, recorded_at, recorded_by, source) VALUES ($1, $2, $3, $4, $5, $6, now(), $7, 0)",
        entry, tenant, category, date, hours, id, user);
    await ExecuteAsync(db, tx, $"""
        UPDATE participant_totals SET {TotalsColumn(category)} = {TotalsColumn(category)} + $3, live_entry_count = live_entry_count + 1,
               last_entry_date = GREATEST(last_entry_date, $4)
        WHERE tenant_id = $1 AND participant_id = $2
        """, tenant, id, hours, date);
    await ExecuteAsync(db, tx, $"""
        INSERT INTO participant_weeks (tenant_id, participant_id, week_start, norwegian_hours, social_studies_hours, other_hours)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (tenant_id, participant_id, week_start) DO UPDATE SET norwegian_hours = participant_weeks.norwegian_hours + $4,
            social_studies_hours = participant_weeks.social_studies_hours + $5, other_hours = participant_weeks.other_hours + $6
        """, tenant, id, week, category == 0 ? hours : 0m, category == 1 ? hours : 0m, category > 1 ? hours : 0m);
    await tx.CommitAsync();
    return Results.Redirect($"/participants/{id}");
});

app.MapGet("/hours/session", async () =>
{
    await using var db = await OpenAsync();
    var html = Html("Timer for en gruppe");
    await TableAsync(db, html, "SELECT r.id FROM roles AS r WHERE r.name = 'coordinator' LIMIT 1");
    await TableAsync(db, html, """
        SELECT u.id, u.display_name FROM users AS u
        WHERE u.tenant_id = $1 AND u.is_active AND EXISTS (
            SELECT 1 FROM user_roles AS u0 JOIN roles r ON r.id = u0.role_id
            WHERE u0.tenant_id = $1 AND u0.user_id = u.id AND r.name = 'coordinator')
        ORDER BY u.display_name
        """, tenant);
    await TableAsync(db, html, """
        SELECT p.id, p.given_name, p.family_name, p.national_id_masked, p.status FROM participants AS p
        WHERE p.tenant_id = $1 AND ((p.status IN (1, 2) AND p.coordinator_id = $2) OR p.id = ANY ($3))
        ORDER BY p.family_name, p.given_name
        """, tenant, user, Array.Empty<Guid>());
    return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
});

app.MapGet("/reports", async () =>
{
    await using var db = await OpenAsync();
    var html = Html("Rapporter");
    var today = Today();
    var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
    var endExclusive = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    const string Population = "p.tenant_id = $1 AND (p.ended_on IS NULL OR p.ended_on >= $2) AND ((p.programme_start IS NOT NULL AND p.programme_start <= $3) OR p.created_at < $4)";
    // The same four statements as the product's DashboardReader: breakdowns, flags, months, outcomes.
    await TableAsync(db, html, $"""
        SELECT CASE WHEN GROUPING(x.status) = 0 THEN 0 WHEN GROUPING(x.gender) = 0 THEN 1 WHEN GROUPING(x.age_group) = 0 THEN 2 ELSE 3 END,
               COALESCE(x.status::text, x.gender::text, x.age_group::text, x.country), count(*)::int
        FROM (SELECT p.status, p.gender, p.country_of_origin AS country,
                     CASE WHEN p.birth_date > $5 THEN 0 WHEN p.birth_date > $6 THEN 1 WHEN p.birth_date > $7 THEN 2 WHEN p.birth_date > $8 THEN 3 ELSE 4 END AS age_group
              FROM participants AS p WHERE {Population}) x
        GROUP BY GROUPING SETS ((x.status), (x.gender), (x.age_group), (x.country))
        """, tenant, from, today, endExclusive, today.AddYears(-25), today.AddYears(-35), today.AddYears(-45), today.AddYears(-55));
    await TableAsync(db, html, $"""
        SELECT r.rule, r.severity, count(*)::int, count(DISTINCT r.participant_id)::int, GROUPING(r.rule, r.severity) FROM risk_flags AS r
        WHERE r.tenant_id = $1 AND r.resolved_at IS NULL AND EXISTS (SELECT 1 FROM participants AS p WHERE p.id = r.participant_id AND {Population})
        GROUP BY GROUPING SETS ((r.rule, r.severity), ())
        """, tenant, from, today, endExclusive);
    await TableAsync(db, html, """
        SELECT 0, date_part('year', p.programme_start)::int, date_part('month', p.programme_start)::int, count(*)::int
        FROM participants AS p WHERE p.tenant_id = $1 AND p.programme_start BETWEEN $2 AND $3 GROUP BY 2, 3
        UNION ALL
        SELECT CASE WHEN p.status = 3 THEN 1 ELSE 2 END, date_part('year', p.ended_on)::int, date_part('month', p.ended_on)::int, count(*)::int
        FROM participants AS p WHERE p.tenant_id = $1 AND p.ended_on BETWEEN $2 AND $3 AND p.status IN (3, 4, 5) GROUP BY 1, 2, 3
        """, tenant, from, today);
    await TableAsync(db, html, """
        WITH rs AS (
            SELECT * FROM unnest($1::text[], $2::numeric[], $3::numeric[], $4::int[]) AS rs(id, norwegian, social, start_months)
        ), pop AS (
            SELECT p.id, p.programme_start, p.settlement_date, p.evidence_deadline, rs.start_months,
                   CASE WHEN t.reached_rule_set_id = p.rule_set_id THEN t.norwegian_reached_on
                        WHEN t.norwegian_hours >= rs.norwegian THEN (
                       SELECT r.date FROM (
                           SELECT h.date, sum(h.hours) OVER (ORDER BY h.date, h.id ROWS UNBOUNDED PRECEDING) AS total
                           FROM hour_entries h
                           WHERE h.tenant_id = $5 AND h.participant_id = p.id AND h.category = 0 AND h.voided_at IS NULL
                       ) r WHERE r.total >= rs.norwegian ORDER BY r.date LIMIT 1) END AS norwegian_on,
                   CASE WHEN t.reached_rule_set_id = p.rule_set_id THEN t.social_studies_reached_on
                        WHEN t.social_studies_hours >= rs.social THEN (
                       SELECT r.date FROM (
                           SELECT h.date, sum(h.hours) OVER (ORDER BY h.date, h.id ROWS UNBOUNDED PRECEDING) AS total
                           FROM hour_entries h
                           WHERE h.tenant_id = $5 AND h.participant_id = p.id AND h.category = 1 AND h.voided_at IS NULL
                       ) r WHERE r.total >= rs.social ORDER BY r.date LIMIT 1) END AS social_on
            FROM participants p
            JOIN rs ON rs.id = p.rule_set_id
            LEFT JOIN participant_totals t ON t.tenant_id = p.tenant_id AND t.participant_id = p.id
            WHERE p.tenant_id = $5 AND p.programme_start IS NOT NULL
        )
        SELECT count(*) FILTER (WHERE evidence_deadline BETWEEN $6 AND $8)::int,
               count(*) FILTER (WHERE evidence_deadline BETWEEN $6 AND $8 AND norwegian_on <= evidence_deadline)::int,
               count(*) FILTER (WHERE evidence_deadline BETWEEN $6 AND $8 AND social_on <= evidence_deadline)::int,
               count(*) FILTER (WHERE evidence_deadline BETWEEN $6 AND $8 AND norwegian_on <= evidence_deadline AND social_on <= evidence_deadline)::int,
               count(*) FILTER (WHERE norwegian_on BETWEEN $6 AND $7)::int,
               (percentile_cont(0.5) WITHIN GROUP (ORDER BY (norwegian_on - programme_start) / 30.436875) FILTER (WHERE norwegian_on BETWEEN $6 AND $7))::numeric,
               count(*) FILTER (WHERE programme_start BETWEEN $6 AND $7)::int,
               count(*) FILTER (WHERE programme_start BETWEEN $6 AND $7 AND programme_start > (settlement_date + make_interval(months => start_months))::date)::int
        FROM pop
        """, ruleSetIds, norwegianRequired, socialRequired, startMonths, tenant, from, today, today < from.AddYears(1) ? today : from.AddYears(1));
    return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
});

app.Run();

async Task<NpgsqlConnection> OpenAsync()
{
    var connection = await data.OpenConnectionAsync();
    // As the product does on every open: the municipality for row-level security.
    await ExecuteAsync(connection, null, "SELECT set_config('app.tenant_id', $1, false), set_config('app.platform', $2, false)", tenant.ToString(), "");
    return connection;
}

static NpgsqlCommand Command(NpgsqlConnection db, NpgsqlTransaction? tx, string sql, params object[] values)
{
    var command = new NpgsqlCommand(sql, db, tx);
    foreach (var value in values)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
    return command;
}

static async Task<int> ExecuteAsync(NpgsqlConnection db, NpgsqlTransaction? tx, string sql, params object[] values)
{
    await using var command = Command(db, tx, sql, values);
    return await command.ExecuteNonQueryAsync();
}

/// <summary>Runs a query and writes its rows as an HTML table; returns the number of rows.</summary>
static async Task<int> TableAsync(NpgsqlConnection db, StringBuilder html, string sql, params object[] values)
{
    await using var command = Command(db, null, sql, values);
    await using var reader = await command.ExecuteReaderAsync();
    var rows = 0;
    html.Append("<table>");
    while (await reader.ReadAsync())
    {
        html.Append("<tr>");
        for (var i = 0; i < reader.FieldCount; i++)
        {
            html.Append("<td>").Append(HtmlEncoder.Default.Encode(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "")).Append("</td>");
        }
        html.Append("</tr>");
        rows++;
    }
    html.Append("</table>");
    return rows;
}

static StringBuilder Html(string title) => new StringBuilder("<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>")
    .Append(title).Append("</title></head><body><h1>").Append(title).Append("</h1>");

static string TotalsColumn(int category) => category switch
{
    0 => "norwegian_hours", 1 => "social_studies_hours", 2 => "career_guidance_hours", 3 => "work_oriented_hours", _ => "education_oriented_hours",
};

static string Setting(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set.");
