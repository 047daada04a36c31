using System.Net;
using IntroProgram.Infrastructure.Identity;

namespace IntroProgram.Web.Tests.Security;

/// <summary>Who calls: nobody signed in, each demo role of Bergen, the operator, and staff of another municipality.</summary>
public enum Caller
{
    Anonymous,
    Admin,
    Coordinator,
    Caseworker,
    Participant,
    Operator,
    /// <summary>Staff of Tromsø holding every staff role, addressing Bergen's records.</summary>
    OtherMunicipality,
}

/// <summary>What a caller must get back: a status, and for a redirect where it leads.</summary>
public sealed record Answer(HttpStatusCode Status, string? Location = null)
{
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";

    public static readonly Answer Ok = new(HttpStatusCode.OK);
    public static readonly Answer BadRequest = new(HttpStatusCode.BadRequest);
    public static readonly Answer NotFound = new(HttpStatusCode.NotFound);
    public static readonly Answer Forbidden = new(HttpStatusCode.Forbidden);
    public static readonly Answer Conflict = new(HttpStatusCode.Conflict);
    /// <summary>The sign-in challenge: to the login page, remembering where the caller wanted to go.</summary>
    public static readonly Answer Login = new(HttpStatusCode.Redirect, LoginPath + "?ReturnUrl=*");
    /// <summary>Signed in, but not allowed: to the access-denied page.</summary>
    public static readonly Answer Denied = new(HttpStatusCode.Redirect, AccessDeniedPath + "?ReturnUrl=*");

    /// <summary>A redirect the action itself chose (the caller got past authorization); a trailing * matches any rest.</summary>
    public static Answer RedirectTo(string location) => new(HttpStatusCode.Redirect, location);

    public override string ToString() => Location is null ? $"{(int)Status}" : $"{(int)Status} → {Location}";
}

/// <summary>Which callers a route admits; everyone else is sent to sign in (anonymous) or refused (signed in).</summary>
public sealed record Access(string Name, bool Anonymous, bool AnySignedIn, IReadOnlySet<string> Roles)
{
    public static readonly Access Anyone = new("anyone", true, true, new HashSet<string>());
    public static readonly Access SignedIn = new("signed in", false, true, new HashSet<string>());
    public static readonly Access Platform = For(IntroProgram.Infrastructure.Identity.Roles.PlatformOperator);
    public static readonly Access TenantAdmin = For(IntroProgram.Infrastructure.Identity.Roles.TenantAdmin);
    public static readonly Access Staff = For(IntroProgram.Infrastructure.Identity.Roles.Staff);
    public static readonly Access Coordinator = For(IntroProgram.Infrastructure.Identity.Roles.Coordinator);
    public static readonly Access Caseworker = For(IntroProgram.Infrastructure.Identity.Roles.Caseworker);
    /// <summary>Those who keep plans and mappings: coordinators and caseworkers, not admins alone.</summary>
    public static readonly Access Writers = For(IntroProgram.Infrastructure.Identity.Roles.Coordinator, IntroProgram.Infrastructure.Identity.Roles.Caseworker);
    public static readonly Access Participant = For(IntroProgram.Infrastructure.Identity.Roles.Participant);

    private static Access For(params string[] roles) => new(string.Join("|", roles), false, false, roles.ToHashSet());

    public bool Admits(IReadOnlyCollection<string>? callerRoles) =>
        callerRoles is null ? Anonymous : AnySignedIn || callerRoles.Any(Roles.Contains);
}

/// <summary>
/// One route of the endpoint table and what every caller must get from it. <see cref="Path"/> is the request made,
/// with Bergen's records filled in ({participant}, {certificate}, …; see <see cref="SweepRecords"/>).
/// </summary>
public sealed record RouteRule(string Method, string Pattern, Access Access, Answer Granted)
{
    public string Path { get; init; } = "/" + Pattern;
    /// <summary>The answer to staff of another municipality who pass the role check: 404 for Bergen's records.</summary>
    public Answer? Foreign { get; init; }
    /// <summary>Callers whose answer differs from what <see cref="Access"/> and <see cref="Granted"/> give.</summary>
    public IReadOnlyDictionary<Caller, Answer> Except { get; init; } = new Dictionary<Caller, Answer>();
    /// <summary>Harmless form fields for a POST (the antiforgery token is always added unless told otherwise).</summary>
    public IReadOnlyDictionary<string, string> Form { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// Posted without a token: for an action that any valid request would carry out. Authorization runs before the
    /// antiforgery check, so an admitted caller gets 400 and a refused one still gets the refusal.
    /// </summary>
    public bool WithoutAntiforgery { get; init; }
    /// <summary>The request ends the caller's session (sign-out): the sweep signs in again afterwards.</summary>
    public bool EndsSession { get; init; }

    public string Key => Method + " " + Pattern;

    public Answer Expected(Caller caller, IReadOnlyCollection<string>? roles)
    {
        if (Except.TryGetValue(caller, out var answer))
        {
            return answer;
        }
        if (!Access.Admits(roles))
        {
            return roles is null ? Answer.Login : Answer.Denied;
        }
        return caller == Caller.OtherMunicipality ? Foreign ?? Granted : Granted;
    }
}

/// <summary>The rule of every route. A route of the app without a rule here fails the sweep.</summary>
public static class RouteAccessRules
{
    private static readonly Answer NotFound = Answer.NotFound;
    /// <summary>A form without the version it was opened at is stale: refused as a conflict before anything is written.</summary>
    private static readonly Answer Stale = Answer.Conflict;

    public static IReadOnlyList<RouteRule> All { get; } =
    [
        // Public and account pages.
        new("GET", "", Access.SignedIn, Answer.Ok)
        {
            Except = new Dictionary<Caller, Answer>
            {
                [Caller.Participant] = Answer.RedirectTo("/me"),
                [Caller.Operator] = Answer.RedirectTo("/platform/municipalities"),
            },
        },
        new("GET", "accessibility", Access.Anyone, Answer.Ok),
        // Asked for directly, not re-executed for an exception: a page that does not exist.
        new("*", "error", Access.Anyone, NotFound),
        new("*", "error/{status:int}", Access.Anyone, Answer.Conflict) { Path = "/error/409" },
        new("*", "health/live", Access.Anyone, Answer.Ok),
        new("*", "health/ready", Access.Anyone, Answer.Ok),
        new("GET", "account/login", Access.Anyone, Answer.RedirectTo("/")) { Except = new Dictionary<Caller, Answer> { [Caller.Anonymous] = Answer.Ok } },
        // An empty form: the page is shown again with the errors, nothing is tried.
        new("POST", "account/login", Access.Anyone, Answer.Ok),
        // Without the half-signed-in cookie of the password step there is no code to check: back to the login page.
        new("GET", "account/login/two-factor", Access.Anyone, Answer.RedirectTo(Answer.LoginPath)),
        new("POST", "account/login/two-factor", Access.Anyone, Answer.RedirectTo(Answer.LoginPath)),
        new("POST", "account/logout", Access.SignedIn, Answer.RedirectTo(Answer.LoginPath)) { EndsSession = true },
        new("GET", "account/access-denied", Access.Anyone, Answer.Forbidden),
        // ID-porten is not configured in this app: its button's action is not there. (Configured: tests/Web.Tests/SignIn.)
        new("GET", "account/idporten", Access.Anyone, Answer.NotFound),
        // Without the address the e-mail-first step kept (TempData), back to the login page.
        new("GET", "account/login/provider", Access.Anyone, Answer.RedirectTo("/account/login")),
        new("GET", "account/logout/idporten", Access.Anyone, Answer.RedirectTo("/account/login")),
        new("GET", "account/idporten/unknown", Access.Anyone, Answer.Ok),
        new("GET", "account/sign-in-refused", Access.Anyone, Answer.Forbidden),
        new("GET", "account/two-factor/setup", Access.SignedIn, Answer.Ok),
        new("POST", "account/two-factor/setup", Access.SignedIn, Answer.Ok),
        // Makes the caller's key and goes back to the page that shows it; enrolled callers (none here) go to the start page.
        new("POST", "account/two-factor/setup/key", Access.SignedIn, Answer.RedirectTo("/account/two-factor/setup")),
        // No invitation token: the "link is not valid" page, for anyone.
        new("GET", "account/invitation", Access.Anyone, Answer.Ok),
        new("POST", "account/invitation", Access.Anyone, Answer.Ok),
        new("POST", "language", Access.Anyone, Answer.RedirectTo("/")),
        new("GET", "verify/{code}", Access.Anyone, Answer.Ok) { Path = "/verify/{code}" },
        new("POST", "verify/{code}", Access.Anyone, Answer.BadRequest) { Path = "/verify/{code}" }, // no file to compare

        // Platform operator.
        new("GET", "platform/overview", Access.Platform, Answer.Ok),
        new("GET", "platform/municipalities", Access.Platform, Answer.Ok),
        new("GET", "platform/municipalities/new", Access.Platform, Answer.Ok),
        new("POST", "platform/municipalities/new", Access.Platform, Answer.Ok), // empty form shown again
        new("POST", "platform/municipalities/{id:guid}/active", Access.Platform, Answer.RedirectTo("/platform/municipalities"))
        {
            Path = "/platform/municipalities/{municipality}/active", Form = new Dictionary<string, string> { ["active"] = "true" },
        },
        new("GET", "platform/base-amounts", Access.Platform, Answer.Ok),
        new("POST", "platform/base-amounts", Access.Platform, Answer.BadRequest),
        // No amount from 1900 exists: the admitted operator gets 404, nothing is removed.
        new("POST", "platform/base-amounts/remove", Access.Platform, NotFound) { Form = new Dictionary<string, string> { ["effectiveFrom"] = "1900-01-01" } },
        new("GET", "platform/risk-runs", Access.Platform, Answer.Ok),
        // Hangfire's dashboard, one endpoint for all its pages (tests/Web.Tests/Jobs/JobsDashboardTests.cs).
        new("*", "platform/jobs/{**path}", Access.Platform, Answer.Ok) { Path = "/platform/jobs/recurring" },

        // Municipal administration. Staff of another municipality see their own lists, never Bergen's records.
        new("GET", "admin/users", Access.TenantAdmin, Answer.Ok),
        new("GET", "admin/users/invite", Access.TenantAdmin, Answer.Ok),
        new("POST", "admin/users/invite", Access.TenantAdmin, Answer.Ok),
        new("GET", "admin/users/{id:guid}", Access.TenantAdmin, Answer.Ok) { Path = "/admin/users/{user}", Foreign = NotFound },
        // No role chosen: refused with a message, roles unchanged.
        new("POST", "admin/users/{id:guid}/roles", Access.TenantAdmin, Answer.RedirectTo("/admin/users/{user}")) { Path = "/admin/users/{user}/roles", Foreign = NotFound },
        new("POST", "admin/users/{id:guid}/active", Access.TenantAdmin, Answer.RedirectTo("/admin/users/{user}"))
        {
            Path = "/admin/users/{user}/active", Foreign = NotFound, Form = new Dictionary<string, string> { ["active"] = "true" },
        },
        new("POST", "admin/users/{id:guid}/resend", Access.TenantAdmin, Answer.RedirectTo("/admin/users/{user}")) { Path = "/admin/users/{user}/resend", Foreign = NotFound },
        new("GET", "admin/settings", Access.TenantAdmin, Answer.Ok),
        // The sweep's municipalities do not require two-factor; an empty form keeps it so.
        new("POST", "admin/settings", Access.TenantAdmin, Answer.RedirectTo("/admin/settings")),
        // An empty form is refused with the errors beside the fields; removing when there is none changes nothing.
        new("POST", "admin/settings/sign-in-provider", Access.TenantAdmin, Answer.BadRequest),
        new("POST", "admin/settings/sign-in-provider/remove", Access.TenantAdmin, Answer.RedirectTo("/admin/settings")),
        new("GET", "admin/audit", Access.TenantAdmin, Answer.Ok),
        new("GET", "admin/audit/export.csv", Access.TenantAdmin, Answer.Ok),
        new("GET", "admin/risk-runs", Access.TenantAdmin, Answer.Ok),

        // Reports.
        new("GET", "reports", Access.Staff, Answer.Ok),
        new("GET", "reports/export/participants.csv", Access.Staff, Answer.Ok),
        new("GET", "reports/export/hours.csv", Access.Staff, Answer.Ok),
        new("GET", "reports/export/certificates.csv", Access.Staff, Answer.Ok),
        new("GET", "reports/benefit", Access.Staff, Answer.Ok),
        new("GET", "reports/benefit.csv", Access.Staff, Answer.Ok),

        // Participants.
        new("GET", "participants", Access.Staff, Answer.Ok),
        new("POST", "participants/search", Access.Staff, Answer.RedirectTo("/participants*")),
        new("GET", "participants/new", Access.Coordinator, Answer.Ok),
        new("POST", "participants/new", Access.Coordinator, Answer.BadRequest),
        new("GET", "participants/{id:guid}", Access.Staff, Answer.Ok) { Path = "/participants/{participant}", Foreign = NotFound },
        new("GET", "participants/{id:guid}/edit", Access.Coordinator, Answer.Ok) { Path = "/participants/{participant}/edit", Foreign = NotFound },
        // The sweep's empty form is refused by the form's validator before its version is compared.
        new("POST", "participants/{id:guid}/edit", Access.Coordinator, Answer.BadRequest) { Path = "/participants/{participant}/edit", Foreign = NotFound },
        new("POST", "participants/{id:guid}/status", Access.Coordinator, Stale) { Path = "/participants/{participant}/status", Foreign = NotFound },
        // No e-mail address given: refused with a message on the participant's page.
        new("POST", "participants/{id:guid}/portal-access/invite", Access.Coordinator, Answer.RedirectTo("/participants/{participant}#portal-access-heading"))
        {
            Path = "/participants/{participant}/portal-access/invite", Foreign = NotFound,
        },

        // Hours and absence.
        new("GET", "participants/{id:guid}/hours/new", Access.Coordinator, Answer.Ok) { Path = "/participants/{participant}/hours/new", Foreign = NotFound },
        new("POST", "participants/{id:guid}/hours/new", Access.Coordinator, Answer.BadRequest) { Path = "/participants/{participant}/hours/new", Foreign = NotFound },
        new("GET", "participants/{id:guid}/absence/new", Access.Coordinator, Answer.Ok) { Path = "/participants/{participant}/absence/new", Foreign = NotFound },
        new("POST", "participants/{id:guid}/absence/new", Access.Coordinator, Answer.BadRequest) { Path = "/participants/{participant}/absence/new", Foreign = NotFound },
        new("GET", "participants/{id:guid}/hours/{entryId:guid}/void", Access.Coordinator, Answer.Ok) { Path = "/participants/{participant}/hours/{entry}/void", Foreign = NotFound },
        new("POST", "participants/{id:guid}/hours/{entryId:guid}/void", Access.Coordinator, Answer.BadRequest) { Path = "/participants/{participant}/hours/{entry}/void", Foreign = NotFound },
        new("GET", "participants/{id:guid}/absence/{absenceId:guid}/void", Access.Coordinator, Answer.Ok) { Path = "/participants/{participant}/absence/{absence}/void", Foreign = NotFound },
        new("POST", "participants/{id:guid}/absence/{absenceId:guid}/void", Access.Coordinator, Answer.BadRequest) { Path = "/participants/{participant}/absence/{absence}/void", Foreign = NotFound },
        new("GET", "hours/session", Access.Coordinator, Answer.Ok),
        new("POST", "hours/session", Access.Coordinator, Answer.BadRequest),
        new("GET", "hours/session/{sessionId:guid}", Access.Coordinator, Answer.Ok) { Path = "/hours/session/{session}", Foreign = NotFound },
        new("GET", "hours/import", Access.Coordinator, Answer.Ok),
        new("POST", "hours/import", Access.Coordinator, Answer.BadRequest), // no file
        new("POST", "hours/import/commit", Access.Coordinator, Answer.BadRequest),
        new("GET", "hours/import/{batchId:guid}", Access.Coordinator, Answer.Ok) { Path = "/hours/import/{importBatch}", Foreign = NotFound },

        // Risk.
        new("POST", "risk/evaluate", Access.Coordinator, Answer.BadRequest) { WithoutAntiforgery = true },
        // No note: refused with a message, the flag stays open.
        new("POST", "risk/flags/{id:guid}/acknowledge", Access.Coordinator, Answer.RedirectTo("/participants/{participant}"))
        {
            Path = "/risk/flags/{flag}/acknowledge", Foreign = NotFound,
        },

        // Plans and competence mapping (a demo participant who has both).
        new("GET", "participants/{id:guid}/mapping", Access.Staff, Answer.Ok) { Path = "/participants/{planParticipant}/mapping", Foreign = NotFound },
        new("GET", "participants/{id:guid}/mapping/versions/{version:int}", Access.Staff, Answer.Ok) { Path = "/participants/{planParticipant}/mapping/versions/1", Foreign = NotFound },
        new("GET", "participants/{id:guid}/mapping/edit", Access.Writers, Answer.Ok) { Path = "/participants/{planParticipant}/mapping/edit", Foreign = NotFound },
        new("POST", "participants/{id:guid}/mapping/edit", Access.Writers, Stale) { Path = "/participants/{planParticipant}/mapping/edit", Foreign = NotFound },
        new("GET", "participants/{id:guid}/plan", Access.Staff, Answer.Ok) { Path = "/participants/{planParticipant}/plan", Foreign = NotFound },
        new("GET", "participants/{id:guid}/plan/versions/{version:int}", Access.Staff, Answer.Ok) { Path = "/participants/{planParticipant}/plan/versions/1", Foreign = NotFound },
        new("GET", "participants/{id:guid}/plan/edit", Access.Writers, Answer.Ok) { Path = "/participants/{planParticipant}/plan/edit", Foreign = NotFound },
        new("POST", "participants/{id:guid}/plan/edit", Access.Writers, Stale) { Path = "/participants/{planParticipant}/plan/edit", Foreign = NotFound },

        // Decisions and test results.
        new("GET", "participants/{id:guid}/decisions/new/{kind}", Access.Caseworker, Answer.Ok) { Path = "/participants/{participant}/decisions/new/leave", Foreign = NotFound },
        new("POST", "participants/{id:guid}/decisions/new/{kind}", Access.Caseworker, Answer.BadRequest) { Path = "/participants/{participant}/decisions/new/leave", Foreign = NotFound },
        new("GET", "participants/{id:guid}/tests/new/{kind}", Access.Caseworker, Answer.Ok) { Path = "/participants/{participant}/tests/new/norwegian", Foreign = NotFound },
        new("POST", "participants/{id:guid}/tests/new/{kind}", Access.Caseworker, Answer.BadRequest) { Path = "/participants/{participant}/tests/new/norwegian", Foreign = NotFound },
        new("GET", "participants/{id:guid}/decisions/{decisionId:guid}", Access.Staff, Answer.Ok) { Path = "/participants/{decisionParticipant}/decisions/{decision}", Foreign = NotFound },

        // Certificates.
        new("GET", "participants/{id:guid}/certificates", Access.Staff, Answer.Ok) { Path = "/participants/{participant}/certificates", Foreign = NotFound },
        new("GET", "participants/{id:guid}/certificates/preview/{kind}", Access.Caseworker, Answer.Ok) { Path = "/participants/{participant}/certificates/preview/evidence", Foreign = NotFound },
        // The programme has not ended: a participation certificate is refused, nothing is issued.
        new("POST", "participants/{id:guid}/certificates/issue/{kind}", Access.Caseworker, Answer.BadRequest) { Path = "/participants/{participant}/certificates/issue/participation", Foreign = NotFound },
        new("GET", "certificates", Access.Staff, Answer.Ok),
        new("GET", "certificates/{certificateId:guid}", Access.Staff, Answer.Ok) { Path = "/certificates/{certificate}", Foreign = NotFound },
        new("POST", "certificates/{certificateId:guid}/revoke", Access.Caseworker, Answer.BadRequest) { Path = "/certificates/{certificate}/revoke", Foreign = NotFound }, // no reason
        // Any signed-in user reaches the action; only the municipality's staff get the file (a participant only their own).
        new("GET", "certificates/{certificateId:guid}/pdf", Access.SignedIn, Answer.Ok)
        {
            Path = "/certificates/{certificate}/pdf", Foreign = NotFound,
            Except = new Dictionary<Caller, Answer> { [Caller.Participant] = NotFound, [Caller.Operator] = NotFound },
        },
        new("GET", "me/certificates", Access.Participant, Answer.Ok),
        new("GET", "certificates/batches", Access.Caseworker, Answer.Ok),
        new("POST", "certificates/batches", Access.Caseworker, Answer.BadRequest), // no month
        new("GET", "certificates/batches/{batchId:guid}", Access.Caseworker, Answer.Ok) { Path = "/certificates/batches/{certificateBatch}", Foreign = NotFound },

        // The participant's own pages.
        new("GET", "me", Access.Participant, Answer.Ok),
        new("GET", "me/progress", Access.Participant, Answer.Ok),
        new("GET", "me/absence", Access.Participant, Answer.Ok),
        new("GET", "me/decisions", Access.Participant, Answer.Ok),
        new("GET", "me/plan", Access.Participant, Answer.Ok),
    ];
}
