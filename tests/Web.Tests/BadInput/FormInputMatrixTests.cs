using System.Globalization;
using System.Reflection;
using System.Text;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Risk;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Tests.Certificates;
using IntroProgram.Web.Tests.Plans;
using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static IntroProgram.Web.Tests.Hours.HoursTestSupport;

namespace IntroProgram.Web.Tests.BadInput;

/// <summary>
/// Every form field of the app with empty, huge, markup, SQL, bidi, zero-width, emoji, NUL, impossible dates and broken
/// numbers: never a 500, a refusal says why and saves nothing, and nothing is rendered unescaped.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class FormInputMatrixTests(AppFactory app, ITestOutputHelper output)
{
    private static MatrixField Text(string name, bool required = false) => new(name, FieldKind.Text, required);
    private static MatrixField Date(string name, bool required = true) => new(name, FieldKind.Date, required);
    private static MatrixField Number(string name, bool required = true) => new(name, FieldKind.Number, required);
    private static MatrixField Choice(string name, bool required = true) => new(name, FieldKind.Choice, required);

    public static readonly FormSpec[] Forms =
    [
        new("participant registration", ["Participants.New"],
        [
            Text("Input.GivenName", true), Text("Input.FamilyName", true), Date("Input.BirthDate"), Choice("Input.NationalId"),
            Choice("Input.Gender", false), Choice("Input.CountryOfOrigin"), Choice("Input.PreferredLanguage"), Choice("Input.SocialStudiesLanguage", false),
            Date("Input.PermitDate"), Date("Input.SettlementDate"), Date("Input.ProgrammeStart", false), Choice("Input.EducationBackground", false),
            Text("Input.EndGoal"), new("Input.ResearchOptOut", FieldKind.Bool), Choice("Input.CoordinatorId", false), new("FormToken", FieldKind.Probe),
        ]),
        new("participant edit", ["Participants.Edit"],
        [
            Text("Input.GivenName", true), Text("Input.FamilyName", true), Date("Input.BirthDate"), Choice("Input.NationalId", false),
            Choice("Input.CountryOfOrigin"), Date("Input.PermitDate"), Text("Input.EndGoal"), Choice("Input.CaseworkerId", false), Choice("Version"),
        ]),
        new("participant search", ["Participants.Search"], [new("q", FieldKind.Probe), new("Status", FieldKind.Probe), new("Size", FieldKind.Probe)]),
        new("participant status", ["Participants.ChangeStatus"], [Choice("to"), Choice("version")]),
        new("log hours", ["Hours.LogHours"], [Date("Date"), Choice("Category"), Number("Hours"), Text("Note"), new("FormToken", FieldKind.Probe)]),
        new("absence", ["Hours.RecordAbsence"], [Date("Date"), Number("Hours"), Choice("Excused"), Text("Reason")]),
        new("void hour entry", ["Hours.VoidEntry"], [Text("Reason", true)]),
        new("void absence", ["Hours.VoidAbsence"], [Text("Reason", true)]),
        new("class session", ["ClassSession.Create"], [Date("Date"), Choice("Category"), Number("Hours"), Text("Title"), Choice("ATTENDANCE", false)]),
        new("hour import commit", ["HourImport.Commit"], [new("fileName", FieldKind.Probe), Choice("content")]),
        new("leave decision", ["Decisions.New"],
            [Date("DecidedOn"), Text("Reason", true), Date("PeriodStart"), Date("PeriodEnd"), Choice("LeaveType"), new("FormToken", FieldKind.Probe)]),
        new("extension decision", ["Decisions.New"], [Date("ExtendedTo")]),
        new("extra hours decision", ["Decisions.New"], [Number("ExtraHoursTotal")]),
        new("programme end decision", ["Decisions.New"], [Choice("Outcome")]),
        new("norwegian test result", ["Decisions.NewTest"], [Date("TakenOn"), Choice("Reading", false), Choice("Oral", false), Text("Note")]),
        new("social studies test result", ["Decisions.NewTest"], [Choice("Passed"), Choice("Language", false), Text("Note")]),
        new("competence mapping", ["Plans.EditMapping"],
        [
            Choice("Input.Languages[0].Language"), Choice("Input.Languages[0].Level"), Number("Input.SchoolingYears", false),
            Choice("Input.HighestEducation", false), Choice("Input.SchoolingCountry", false), Text("Input.WorkExperience[0].Field"),
            Number("Input.WorkExperience[0].Years", false), Text("Input.DocumentedQualifications"), Text("Input.UndocumentedQualifications"),
            Choice("Input.LatinLiteracy", false), Text("Input.OwnWishes"), Date("Input.CompletedOn", false), Text("Input.Reason"), Choice("BaseVersion"),
        ]),
        new("individual plan", ["Plans.EditPlan"],
        [
            Choice("Input.Goal"), Text("Input.GoalDescription"), Date("Input.TargetDate"), Choice("Input.NorwegianLevel", false),
            Choice("Input.Measures[0].Category"), Text("Input.Measures[0].Provider", true), Date("Input.Measures[0].Start"), Date("Input.Measures[0].End"),
            Number("Input.Measures[0].HoursPerWeek"), Date("Input.ReviewDates[0]", false), Text("Input.Reason"),
        ]),
        new("portal invitation", ["PortalAccess.Invite"], [new("email", FieldKind.Email, true)]),
        new("risk flag acknowledgement", ["Risk.Acknowledge"], [Text("note", true), new("returnUrl", FieldKind.Url)]),
        new("risk evaluation", ["Risk.Evaluate"], [new("returnUrl", FieldKind.Url)]),
        new("certificate revocation", ["Certificates.Revoke"], [Text("reason", true)]),
        new("certificate batch", ["Certificates.Batches"], [Choice("month")]),
        new("staff invitation", ["Users.Invite"],
            [Text("DisplayName", true), new("Email", FieldKind.Email, true), Text("Title"), Choice("Roles")]),
        new("staff roles", ["Users.UpdateRoles"], [Choice("roles")]),
        new("staff active", ["Users.SetActive"], [new("active", FieldKind.Bool, true)]),
        new("municipality settings", ["Settings.Index"],
            [new("RequireTwoFactorForStaff", FieldKind.Bool, true), new("MunicipalityName", FieldKind.Probe), new("Number", FieldKind.Probe)]),
        new("staff sign-in provider", ["Settings.SignInProvider"],
        [
            Choice("Authority"), Text("ClientId", true), Text("ClientSecret"), Choice("EmailClaim"),
            new("PasswordSignInAllowed", FieldKind.Bool, true),
        ]),
        new("new municipality", ["Municipalities.Create"],
        [
            Text("Name", true), Choice("Number"), Text("Slug", true), Text("AdminName", true), new("AdminEmail", FieldKind.Email, true),
        ]),
        new("municipality active", ["Municipalities.SetActive"], [new("active", FieldKind.Bool, true)]),
        new("base amounts", ["Benefit.SetBaseAmount"], [Date("EffectiveFrom"), Number("Amount")]),
        new("base amount removal", ["Benefit.RemoveBaseAmount"], [Choice("effectiveFrom")]),
        new("sign-in", ["Account.Login"], [new("Email", FieldKind.Email, true), Text("Password", true), new("ReturnUrl", FieldKind.Url)]),
        new("sign-in code", ["Account.LoginTwoFactor"], [Choice("Code"), new("ReturnUrl", FieldKind.Url)]),
        new("two-factor setup", ["Account.TwoFactorSetup"], [Choice("Code")]),
        new("invitation password", ["Account.Invitation"],
            [Text("Password", true), Text("ConfirmPassword", true), Choice("User"), Choice("Token")]),
        new("language", ["Language.Set"], [new("culture", FieldKind.Probe), new("returnUrl", FieldKind.Url)]),
    ];

    /// <summary>Post actions without a field a person types into; what they are given is checked elsewhere.</summary>
    public static readonly IReadOnlyDictionary<string, string> WithoutFields = new Dictionary<string, string>
    {
        ["Account.Logout"] = "no fields",
        ["Account.CreateTwoFactorKey"] = "no fields",
        ["Settings.RemoveSignInProvider"] = "no fields",
        ["Users.Resend"] = "no fields",
        ["Certificates.Issue"] = "no fields; the kind is a route value, unknown kinds answer 404",
        ["HourImport.Upload"] = "the CSV file: CsvImportMatrixTests",
        ["Verify.Index"] = "the uploaded PDF: CsvImportMatrixTests.Verification_upload_*",
    };

    public static IEnumerable<object[]> FormNames => Forms.Select(f => new object[] { f.Name });

    private static int InputsOf(FormSpec spec) => spec.Fields.Sum(f => HostileValues.For(f.Kind).Count);

    [Fact]
    public void Every_post_action_of_the_app_is_in_the_matrix()
    {
        var actions = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttributes<HttpPostAttribute>().Any())
                .Select(m => t.Name.Replace("Controller", "", StringComparison.Ordinal) + "." + m.Name))
            .Distinct().Order().ToList();
        var covered = Forms.SelectMany(f => f.Actions).Concat(WithoutFields.Keys).ToHashSet();

        Assert.Equal(actions, covered.Order().ToList());
        var fields = Forms.Sum(f => f.Fields.Length);
        output.WriteLine($"Form matrix: {Forms.Length} forms covering {actions.Count - WithoutFields.Count} of {actions.Count} post actions, "
            + $"{fields} fields, {Forms.Sum(InputsOf)} (form, field, value) inputs; "
            + $"plus the CSV import and verification uploads in CsvImportMatrixTests.");
    }

    [Theory]
    [MemberData(nameof(FormNames))]
    public async Task A_form_answers_hostile_input_without_a_500_a_half_save_or_unescaped_markup(string form)
    {
        var spec = Forms.Single(f => f.Name == form);
        var target = await TargetAsync(spec);
        var (tried, failures) = await new FormMatrix(app).RunAsync(spec, target);

        output.WriteLine($"{spec.Name}: {tried} (form, field, value) inputs tried, {failures.Count} problems.");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        Assert.Equal(InputsOf(spec), tried);
        Assert.Empty(failures);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Func<Task<TestClient>> As(string email) => () => app.SignedInAsync(email);

    private async Task<FormTarget> TargetAsync(FormSpec spec)
    {
        var bergen = await app.MunicipalityIdAsync(Bergen);
        switch (spec.Name)
        {
            case "participant registration":
            {
                var coordinator = await app.UserIdAsync(bergen, Demo.BergenCoordinator);
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => "/participants/new", ActionUrl = () => "/participants/new", Tenant = bergen,
                    Baseline = _ => Task.FromResult(ParticipantFields(ParticipantTestData.ValidDetails(), coordinator, formToken: true)),
                };
            }
            case "participant edit":
            {
                var p = await app.NewParticipantAsync();
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => $"/participants/{p.Id}/edit", ActionUrl = () => $"/participants/{p.Id}/edit", Tenant = bergen,
                    Baseline = async _ =>
                    {
                        var fields = ParticipantFields(p.Details with { NationalId = "" }, null, formToken: false);
                        fields["Version"] = (await app.InTenantAsync(bergen, db => db.Participants.Where(x => x.Id == p.Id).Select(x => x.Version).SingleAsync()))
                            .ToString(CultureInfo.InvariantCulture);
                        return fields;
                    },
                };
            }
            case "participant search":
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => "/participants", ActionUrl = () => "/participants/search", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["q"] = "Ulla", ["Status"] = "" }),
                };
            case "participant status":
            {
                var p = await app.NewParticipantAsync(change: d => d with { ProgrammeStart = Today.AddDays(10) });
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => ParticipantUrl(p), ActionUrl = () => $"/participants/{p.Id}/status", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["to"] = "Active", ["version"] = "1" }),
                };
            }
            case "log hours":
            {
                var p = await app.NewParticipantAsync();
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => LogUrl(p), ActionUrl = () => LogUrl(p), Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["FormToken"] = Guid.NewGuid().ToString(), ["Date"] = Iso(Today.AddDays(-1)), ["Category"] = "Norwegian", ["Hours"] = "0,25", ["Note"] = "",
                    }),
                };
            }
            case "absence":
            {
                var p = await app.NewParticipantAsync();
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => AbsenceUrl(p), ActionUrl = () => AbsenceUrl(p), Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["FormToken"] = Guid.NewGuid().ToString(), ["Date"] = Iso(Today.AddDays(-1)), ["Hours"] = "0,25", ["Excused"] = "false", ["Reason"] = "",
                    }),
                };
            }
            case "void hour entry":
            {
                var p = await app.NewParticipantAsync();
                var entry = await app.LogHoursAsync(p, Today.AddDays(-1), HourCategory.Norwegian, 0.25m);
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => $"/participants/{p.Id}/hours/{entry}/void",
                    ActionUrl = () => $"/participants/{p.Id}/hours/{entry}/void", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["Reason"] = "Feil dato" }),
                    AfterAccepted = async () => entry = await app.LogHoursAsync(p, Today.AddDays(-1), HourCategory.Norwegian, 0.25m),
                };
            }
            case "void absence":
            {
                var p = await app.NewParticipantAsync();
                var absence = (await app.RecordAbsenceAsync(p, Today.AddDays(-1), 0.25m, excused: true)).Id!.Value;
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => $"/participants/{p.Id}/absence/{absence}/void",
                    ActionUrl = () => $"/participants/{p.Id}/absence/{absence}/void", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["Reason"] = "Feil dato" }),
                    AfterAccepted = async () => absence = (await app.RecordAbsenceAsync(p, Today.AddDays(-1), 0.25m, excused: true)).Id!.Value,
                };
            }
            case "class session":
            {
                var p = await app.NewParticipantAsync();
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => "/hours/session?all=true", ActionUrl = () => "/hours/session", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["FormToken"] = Guid.NewGuid().ToString(), ["Date"] = Iso(Today.AddDays(-1)), ["Category"] = "Norwegian", ["Hours"] = "0,25",
                        ["Title"] = "Gruppe B", ["All"] = "true", [$"Attendance[{p.Id}]"] = "Attended", ["ATTENDANCE"] = "",
                    }),
                    // The attendance choice is a name with the participant's id: the hostile value goes there.
                    Adjust = fields =>
                    {
                        if (fields.Remove("ATTENDANCE", out var choice) && choice.Length > 0)
                        {
                            fields[$"Attendance[{p.Id}]"] = choice;
                        }
                    },
                };
            }
            default:
                return await MoreTargetsAsync(spec, bergen);
        }
    }

    private async Task<FormTarget> MoreTargetsAsync(FormSpec spec, Guid bergen)
    {
        switch (spec.Name)
        {
            case "hour import commit":
            {
                var p = await app.NewParticipantAsync();
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => "/hours/import", ActionUrl = () => "/hours/import/commit", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["fileName"] = "timer.csv",
                        ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                            $"fødselsnummer;dato;kategori;timer;id\n{p.NationalId};{Iso(Today.AddDays(-1))};norsk;0,25;B-{Guid.NewGuid():N}\n")),
                    }),
                };
            }
            case "leave decision" or "extension decision" or "extra hours decision" or "programme end decision":
            {
                var p = await app.NewParticipantAsync();
                var (kind, extra) = spec.Name switch
                {
                    "leave decision" => ("leave", new Dictionary<string, string>
                        { ["PeriodStart"] = Iso(Today.AddDays(-20)), ["PeriodEnd"] = Iso(Today.AddDays(-19)), ["LeaveType"] = "Illness" }),
                    "extension decision" => ("extension", new Dictionary<string, string> { ["ExtendedTo"] = Iso(Today.AddYears(3)) }),
                    "extra hours decision" => ("extra-hours", new Dictionary<string, string> { ["ExtraHoursTotal"] = "1" }),
                    _ => ("end", new Dictionary<string, string> { ["Outcome"] = "Completed" }),
                };
                var url = $"/participants/{p.Id}/decisions/new/{kind}";
                return new FormTarget
                {
                    Client = As(Demo.BergenCaseworker), PageUrl = () => url, ActionUrl = () => url, Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>(extra)
                    {
                        ["FormToken"] = Guid.NewGuid().ToString(), ["DecidedOn"] = Iso(Today), ["Reason"] = "Vurdert etter samtale.",
                    }),
                };
            }
            case "norwegian test result" or "social studies test result":
            {
                var p = await app.NewParticipantAsync();
                var norwegian = spec.Name.StartsWith("norwegian", StringComparison.Ordinal);
                var url = $"/participants/{p.Id}/tests/new/{(norwegian ? "norwegian" : "social-studies")}";
                return new FormTarget
                {
                    Client = As(Demo.BergenCaseworker), PageUrl = () => url, ActionUrl = () => url, Tenant = bergen,
                    Baseline = _ => Task.FromResult(norwegian
                        ? new Dictionary<string, string>
                        {
                            ["FormToken"] = Guid.NewGuid().ToString(), ["TakenOn"] = Iso(Today.AddDays(-3)), ["Reading"] = "B1", ["Oral"] = "A2",
                            ["Listening"] = "", ["Writing"] = "", ["Note"] = "",
                        }
                        : new Dictionary<string, string>
                        {
                            ["FormToken"] = Guid.NewGuid().ToString(), ["TakenOn"] = Iso(Today.AddDays(-3)), ["Passed"] = "true", ["Language"] = "ar", ["Note"] = "",
                        }),
                };
            }
            case "competence mapping":
            {
                var p = await app.CreatePlanParticipantAsync(Bergen);
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => $"/participants/{p.Id}/mapping/edit", ActionUrl = () => $"/participants/{p.Id}/mapping/edit",
                    Tenant = bergen,
                    Baseline = async _ =>
                    {
                        var version = await app.InTenantAsync(bergen, db => db.CompetenceMappings.CountAsync(m => m.ParticipantId == p.Id));
                        return PlanTestData.MappingFields(version, reason: version == 0 ? null : "Retting");
                    },
                };
            }
            case "individual plan":
            {
                var p = await app.CreatePlanParticipantAsync(Bergen);
                using (var coordinator = await app.SignedInAsync())
                {
                    var mapped = await coordinator.PostFormAsync($"/participants/{p.Id}/mapping/edit", $"/participants/{p.Id}/mapping/edit", PlanTestData.MappingFields(0));
                    Assert.Equal(System.Net.HttpStatusCode.Redirect, mapped.StatusCode);
                }
                var start = p.Details.ProgrammeStart!.Value;
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => $"/participants/{p.Id}/plan/edit", ActionUrl = () => $"/participants/{p.Id}/plan/edit",
                    Tenant = bergen,
                    Baseline = async _ =>
                    {
                        var version = await app.InTenantAsync(bergen, db => db.IndividualPlans.CountAsync(m => m.ParticipantId == p.Id));
                        return PlanTestData.PlanFields(start, version, reason: version == 0 ? null : "Endret plan");
                    },
                };
            }
            case "portal invitation":
            {
                var p = await app.NewParticipantAsync();
                return new FormTarget
                {
                    Client = As(Demo.BergenCoordinator), PageUrl = () => ParticipantUrl(p), ActionUrl = () => $"/participants/{p.Id}/portal-access/invite", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["email"] = "" }),
                };
            }
            case "risk flag acknowledgement" or "risk evaluation":
            {
                var number = await app.CreateMunicipalityAsync();
                var tenant = await app.MunicipalityIdAsync(number);
                var coordinator = await app.CreateUserAsync(number, "coordinator");
                var p = await app.CreateParticipantAsync(number, d => d with
                {
                    PermitDate = Today.AddDays(-160), SettlementDate = Today.AddDays(-130), ProgrammeStart = Today.AddDays(-100), CoordinatorId = coordinator.Id,
                });
                await app.LogHoursAsync(p, Today.AddDays(-20), HourCategory.Norwegian, 3m);
                await using (var scope = app.Services.GetRequiredService<TenantScopeFactory>().ForTenant(tenant))
                {
                    await scope.ServiceProvider.GetRequiredService<RiskEvaluator>().EvaluateAsync(Today);
                }
                var flag = await app.InTenantAsync(tenant, db => db.RiskFlags.Where(f => f.ParticipantId == p.Id).Select(f => f.Id).FirstAsync());
                var acknowledge = spec.Name == "risk flag acknowledgement";
                return new FormTarget
                {
                    Client = As(coordinator.Email), PageUrl = () => ParticipantUrl(p), Tenant = tenant,
                    ActionUrl = () => acknowledge ? $"/risk/flags/{flag}/acknowledge" : "/risk/evaluate",
                    Baseline = _ => Task.FromResult(acknowledge
                        ? new Dictionary<string, string> { ["note"] = "Ringt", ["returnUrl"] = ParticipantUrl(p) }
                        : new Dictionary<string, string> { ["returnUrl"] = "/" }),
                };
            }
            case "certificate revocation":
            {
                var world = await app.CaseworkerWorldAsync();
                world.Client.Dispose();
                var p = await app.ParticipantWithHoursAsync(world.Number, 550m, 75m);
                async Task<Guid> IssueAsync()
                {
                    var issued = await app.IssueDirectAsync(world.TenantId, p.Id, CertificateKind.PermanentResidenceEvidence, world.Caseworker.Id);
                    Assert.True(issued.Succeeded, string.Join(", ", issued.Errors.Select(e => e.Code)));
                    return issued.Id!.Value;
                }
                var certificate = await IssueAsync();
                return new FormTarget
                {
                    Client = As(world.Caseworker.Email), PageUrl = () => $"/certificates/{certificate}", ActionUrl = () => $"/certificates/{certificate}/revoke",
                    Tenant = world.TenantId,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["reason"] = "Feil i timetallet." }),
                    AfterAccepted = async () => certificate = await IssueAsync(),
                };
            }
            case "certificate batch":
                return new FormTarget
                {
                    Client = As(Demo.BergenCaseworker), PageUrl = () => "/certificates/batches", ActionUrl = () => "/certificates/batches", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["month"] = "" }),
                };
            default:
                return await AdminTargetsAsync(spec, bergen);
        }
    }

    private async Task<FormTarget> AdminTargetsAsync(FormSpec spec, Guid bergen)
    {
        switch (spec.Name)
        {
            case "staff invitation":
                return new FormTarget
                {
                    Client = As(Demo.BergenAdmin), PageUrl = () => "/admin/users/invite", ActionUrl = () => "/admin/users/invite", Tenant = bergen,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["DisplayName"] = "Test Ansatt", ["Email"] = $"ansatt-{Guid.NewGuid():N}@test.introprogram.no", ["Title"] = "", ["Roles"] = "caseworker",
                    }),
                };
            case "staff roles" or "staff active":
            {
                var user = await app.CreateUserAsync(Bergen, "caseworker");
                var roles = spec.Name == "staff roles";
                return new FormTarget
                {
                    Client = As(Demo.BergenAdmin), PageUrl = () => $"/admin/users/{user.Id}", Tenant = bergen,
                    ActionUrl = () => $"/admin/users/{user.Id}/{(roles ? "roles" : "active")}",
                    Baseline = _ => Task.FromResult(roles
                        ? new Dictionary<string, string> { ["roles"] = "caseworker" }
                        : new Dictionary<string, string> { ["active"] = "true" }),
                };
            }
            case "municipality settings":
            {
                var number = await app.CreateMunicipalityAsync();
                var admin = await app.CreateUserAsync(number, "tenant_admin");
                return new FormTarget
                {
                    Client = As(admin.Email), PageUrl = () => "/admin/settings", ActionUrl = () => "/admin/settings", Tenant = admin.TenantId,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["RequireTwoFactorForStaff"] = "false", ["MunicipalityName"] = "Test", ["Number"] = number,
                    }),
                };
            }
            case "staff sign-in provider":
            {
                var number = await app.CreateMunicipalityAsync();
                var admin = await app.CreateUserAsync(number, "tenant_admin");
                return new FormTarget
                {
                    Client = As(admin.Email), PageUrl = () => "/admin/settings", ActionUrl = () => "/admin/settings/sign-in-provider",
                    Tenant = admin.TenantId,
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["Authority"] = "https://login.example.invalid/tenant/v2.0", ["ClientId"] = "introprogram",
                        ["ClientSecret"] = "a-secret-of-the-test", ["EmailClaim"] = "preferred_username", ["PasswordSignInAllowed"] = "true",
                    }),
                };
            }
            case "new municipality":
                return new FormTarget
                {
                    Client = As(Demo.Operator), PageUrl = () => "/platform/municipalities/new", ActionUrl = () => "/platform/municipalities/new",
                    Ignored = ["users", "user_roles"],
                    Baseline = _ =>
                    {
                        var number = Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
                        return Task.FromResult(new Dictionary<string, string>
                        {
                            ["Name"] = "Testkommune", ["Number"] = number, ["Slug"] = $"bad-input-{Guid.NewGuid():N}"[..20],
                            ["AdminName"] = "Test Admin", ["AdminEmail"] = $"admin-{Guid.NewGuid():N}@test.introprogram.no",
                        });
                    },
                };
            case "municipality active":
            {
                var number = await app.CreateMunicipalityAsync();
                var id = await app.MunicipalityIdAsync(number);
                return new FormTarget
                {
                    Client = As(Demo.Operator), PageUrl = () => "/platform/municipalities", ActionUrl = () => $"/platform/municipalities/{id}/active",
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["active"] = "true" }),
                };
            }
            case "base amounts" or "base amount removal":
            {
                // A date far ahead, so a saved amount could never change another test's benefit.
                var remove = spec.Name == "base amount removal";
                return new FormTarget
                {
                    Client = As(Demo.Operator), PageUrl = () => "/platform/base-amounts",
                    ActionUrl = () => remove ? "/platform/base-amounts/remove" : "/platform/base-amounts",
                    Baseline = _ => Task.FromResult(remove
                        ? new Dictionary<string, string> { ["effectiveFrom"] = "2099-05-01" }
                        : new Dictionary<string, string> { ["EffectiveFrom"] = "2099-05-01", ["Amount"] = "130160" }),
                };
            }
            case "sign-in":
            {
                var wrong = await app.CreateUserAsync(Bergen, "coordinator");
                var right = await app.CreateUserAsync(Bergen, "coordinator");
                return new FormTarget
                {
                    Client = () => Task.FromResult(app.CreateTestClient()), FreshClient = true, Tenant = bergen, Ignored = ["users"],
                    PageUrl = () => "/account/login", ActionUrl = () => "/account/login",
                    // Hostile e-mail addresses and passwords against an account the wrong password is tried on; a
                    // hostile return address with the right password, to see where a successful sign-in leads.
                    Baseline = field => Task.FromResult(field == "ReturnUrl"
                        ? new Dictionary<string, string> { ["Email"] = right.Email, ["Password"] = TestClient.DemoPassword, ["ReturnUrl"] = "/" }
                        : new Dictionary<string, string> { ["Email"] = wrong.Email, ["Password"] = "Not-the-password-2026", ["ReturnUrl"] = "" }),
                };
            }
            case "sign-in code":
                return new FormTarget
                {
                    Client = () => Task.FromResult(app.CreateTestClient()), FreshClient = true, Tenant = bergen,
                    PageUrl = () => "/account/login", ActionUrl = () => "/account/login/two-factor",
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["Code"] = "123456", ["ReturnUrl"] = "" }),
                };
            case "two-factor setup":
            {
                var user = await app.CreateUserAsync(Bergen, "coordinator");
                return new FormTarget
                {
                    Client = As(user.Email), PageUrl = () => "/account/two-factor/setup", ActionUrl = () => "/account/two-factor/setup", Tenant = bergen,
                    Ignored = ["users"],
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["Code"] = "000000" }),
                };
            }
            case "invitation password":
            {
                var email = $"invitert-{Guid.NewGuid():N}@test.introprogram.no";
                using (var admin = await app.SignedInAsync(Demo.BergenAdmin))
                {
                    var invited = await admin.PostFormAsync("/admin/users/invite", "/admin/users/invite", new Dictionary<string, string>
                    {
                        ["DisplayName"] = "Test Invitert", ["Email"] = email, ["Title"] = "", ["Roles"] = "caseworker",
                    });
                    Assert.Equal(System.Net.HttpStatusCode.Redirect, invited.StatusCode);
                }
                var link = System.Text.RegularExpressions.Regex.Match(app.Outbox.LastTo(email).Body, @"https?://\S+/account/invitation\?\S+").Value;
                var path = new Uri(link).PathAndQuery;
                var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
                return new FormTarget
                {
                    Client = () => Task.FromResult(app.CreateTestClient()), FreshClient = true, Tenant = bergen,
                    PageUrl = () => path, ActionUrl = () => "/account/invitation", RefusalText = "Lenken virker ikke",
                    Baseline = _ => Task.FromResult(new Dictionary<string, string>
                    {
                        ["User"] = query["user"].ToString(), ["Token"] = query["token"].ToString(),
                        ["Password"] = "en lang og god setning", ["ConfirmPassword"] = "en helt annen setning",
                    }),
                };
            }
            case "language":
                return new FormTarget
                {
                    Client = () => Task.FromResult(app.CreateTestClient()), FreshClient = true,
                    PageUrl = () => "/account/login", ActionUrl = () => "/language",
                    Baseline = _ => Task.FromResult(new Dictionary<string, string> { ["culture"] = "nb", ["returnUrl"] = "/" }),
                };
            default:
                throw new InvalidOperationException("No target for " + spec.Name);
        }
    }

    private static Dictionary<string, string> ParticipantFields(IntroProgram.Domain.Participants.ParticipantDetails d, Guid? coordinator, bool formToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.GivenName"] = d.GivenName ?? "", ["Input.FamilyName"] = d.FamilyName ?? "", ["Input.BirthDate"] = Iso(d.BirthDate!.Value),
            ["Input.NationalId"] = d.NationalId ?? "", ["Input.Gender"] = d.Gender.ToString(), ["Input.CountryOfOrigin"] = d.CountryOfOrigin ?? "",
            ["Input.PreferredLanguage"] = d.PreferredLanguage ?? "", ["Input.SocialStudiesLanguage"] = "", ["Input.PermitDate"] = Iso(d.PermitDate!.Value),
            ["Input.SettlementDate"] = Iso(d.SettlementDate!.Value), ["Input.ProgrammeStart"] = Iso(d.ProgrammeStart!.Value),
            ["Input.EducationBackground"] = "Unknown", ["Input.EndGoal"] = "", ["Input.ResearchOptOut"] = "false",
            ["Input.CoordinatorId"] = coordinator?.ToString() ?? "", ["Input.CaseworkerId"] = "",
        };
        if (formToken)
        {
            fields["FormToken"] = Guid.NewGuid().ToString();
        }
        return fields;
    }
}
