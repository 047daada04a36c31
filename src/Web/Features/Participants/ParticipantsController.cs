using System.Globalization;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Participants;

/// <summary>
/// Staff pages for participants: the list, registering and editing, status changes and the participant page with
/// progress. Every page is within the signed-in user's municipality; an id from another one answers 404.
/// </summary>
[Route("participants"), Authorize(Policy = Policies.Staff)]
public sealed class ParticipantsController(
    AppDbContext db,
    ParticipantRegistry registry,
    ParticipantProgressReader progress,
    NationalIdProtector nationalIds,
    RuleSetCatalog ruleSets,
    IDataProtectionProvider dataProtection,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<Ui> t) : Controller
{
    private DateOnly Today => clock.OsloToday();

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ParticipantListQuery query)
    {
        ModelState.Clear(); // unknown filter values are ignored, not reported
        var userId = User.UserId();
        var page = new ParticipantListPage
        {
            Query = query,
            Today = Today,
            IsCoordinator = User.IsInRole(Roles.Coordinator),
            Coordinators = await StaffChoicesAsync(Roles.Coordinator, current: null),
        };
        string? searchText = null;
        if (!string.IsNullOrEmpty(query.S))
        {
            if (ParticipantSearchTokens.TryUnprotect(dataProtection, userId, query.S, out var text))
            {
                searchText = text;
            }
            else
            {
                page.SearchExpired = true;
                query.S = null;
            }
        }
        page.SearchText = searchText;

        var (rows, total, pageNumber) = await new ParticipantList(db, nationalIds, ruleSets).LoadAsync(query, searchText, userId);
        query.Page = pageNumber;
        page.Rows = rows;
        page.Total = total;
        return View(page);
    }

    /// <summary>
    /// The search form posts here so the search text (a name or a national id) never appears in an address: it goes
    /// on to the list as an encrypted token, the other filters as plain query parameters.
    /// </summary>
    [HttpPost("search")]
    public IActionResult Search([FromForm(Name = "q")] string? text, [FromForm] ParticipantListQuery filters)
    {
        filters.S = string.IsNullOrWhiteSpace(text)
            ? null
            : ParticipantSearchTokens.Protect(dataProtection, User.UserId(), text.Trim() is { Length: > 100 } tooLong ? tooLong[..100] : text.Trim());
        filters.Page = 1;
        return Redirect(filters.Url());
    }

    [HttpGet("new"), Authorize(Policy = Policies.Coordinator)]
    public async Task<IActionResult> New()
    {
        var input = new ParticipantInput();
        if (User.IsInRole(Roles.Coordinator))
        {
            input.CoordinatorId = User.UserId();
        }
        return View("Form", await FormPageAsync(new ParticipantFormPage { Input = input, FormToken = Guid.NewGuid() }));
    }

    [HttpPost("new"), Authorize(Policy = Policies.Coordinator)]
    public async Task<IActionResult> New([Bind(Prefix = ParticipantInput.Prefix)] ParticipantInput input, Guid formToken)
    {
        var form = new ParticipantFormPage { Input = input, FormToken = formToken == Guid.Empty ? Guid.NewGuid() : formToken };
        if (!ModelState.IsValid)
        {
            return await FormErrorAsync(form, StatusCodes.Status400BadRequest);
        }
        var result = await registry.RegisterAsync(input.ToDetails(input.NationalId), form.FormToken, User.UserId());
        switch (result.Status)
        {
            case CommandStatus.Done or CommandStatus.AlreadyDone when result.Id is { } id:
                TempData["Notice"] = t["Participants.Registered"].Value;
                return RedirectToAction(nameof(Details), new { id });
            case CommandStatus.Invalid:
                ModelState.AddFieldErrors(result.Errors, t, ParticipantInput.Prefix);
                return await FormErrorAsync(form, StatusCodes.Status400BadRequest);
            default:
                return NotFound();
        }
    }

    [HttpGet("{id:guid}/edit"), Authorize(Policy = Policies.Coordinator)]
    public async Task<IActionResult> Edit(Guid id)
    {
        var participant = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (participant is null)
        {
            return NotFound();
        }
        return View("Form", await FormPageAsync(EditPage(participant, ParticipantInput.From(participant), participant.Version)));
    }

    [HttpPost("{id:guid}/edit"), Authorize(Policy = Policies.Coordinator)]
    public async Task<IActionResult> Edit(Guid id, [Bind(Prefix = ParticipantInput.Prefix)] ParticipantEditInput input, uint version)
    {
        var participant = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (participant is null)
        {
            return NotFound();
        }
        var form = EditPage(participant, input, version);
        if (!ModelState.IsValid)
        {
            return await FormErrorAsync(form, StatusCodes.Status400BadRequest);
        }
        // An empty field keeps the registered number: the service is given the stored one, which is never rendered.
        var nationalId = string.IsNullOrWhiteSpace(input.NationalId)
            ? nationalIds.Unprotect(participant.NationalIdProtected)
            : input.NationalId;
        var result = await registry.UpdateAsync(id, input.ToDetails(nationalId), version, User.UserId());
        switch (result.Status)
        {
            case CommandStatus.Done or CommandStatus.AlreadyDone:
                TempData["Notice"] = t["Participants.Saved"].Value;
                return RedirectToAction(nameof(Details), new { id });
            case CommandStatus.Invalid:
                ModelState.AddFieldErrors(result.Errors, t, ParticipantInput.Prefix);
                return await FormErrorAsync(form, StatusCodes.Status400BadRequest);
            case CommandStatus.Conflict:
                ModelState.AddModelError("", t[ParticipantErrors.ChangedByOthers]);
                return await FormErrorAsync(form, StatusCodes.Status409Conflict);
            default:
                return NotFound();
        }
    }

    /// <summary>Start the programme, or mark a leave a caseworker approved as started or ended.</summary>
    [HttpPost("{id:guid}/status"), Authorize(Policy = Policies.Coordinator)]
    public async Task<IActionResult> ChangeStatus(Guid id, string? to, uint version)
    {
        if (!Enum.TryParse<ParticipantStatus>(to, ignoreCase: false, out var target) || !Enum.IsDefined(target))
        {
            target = (ParticipantStatus)(-1); // the registry refuses it like any other impossible change
        }
        var result = await registry.ChangeStatusAsync(id, target, version, User.UserId());
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear(); // a refused change must not ride along with the page's audit event
        }
        switch (result.Status)
        {
            case CommandStatus.Done or CommandStatus.AlreadyDone:
                TempData["Notice"] = t["Participants.StatusChanged", t.EnumText(target)].Value;
                return RedirectToAction(nameof(Details), new { id });
            case CommandStatus.Invalid:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("", t[error.Code]);
                }
                return await PageAsync(id, 1, StatusCodes.Status400BadRequest);
            case CommandStatus.Conflict:
                ModelState.AddModelError("", t[ParticipantErrors.ChangedByOthers]);
                return await PageAsync(id, 1, StatusCodes.Status409Conflict);
            default:
                return NotFound();
        }
    }

    [HttpGet("{id:guid}")]
    public Task<IActionResult> Details(Guid id, int page = 1) => PageAsync(id, page, StatusCodes.Status200OK);

    private async Task<IActionResult> PageAsync(Guid id, int page, int statusCode)
    {
        var data = await progress.ReadAsync(id);
        if (data is null)
        {
            return NotFound();
        }
        await audit.WriteAsync(AuditAction.Read, ParticipantRegistry.RecordType, id.ToString(), id);

        page = Math.Max(1, page);
        var (timeline, hasMore) = await progress.TimelineAsync(id, page, ParticipantPage.TimelinePageSize, data);
        var today = Today;
        var p = data.Participant;
        PaceProjection? norwegian = null, socialStudies = null;
        if (data.Deadlines is { } deadlines)
        {
            norwegian = PaceProjection.FromWeeklyHours(data.Weeks.Select(w => new WeeklyHours(w.WeekStart, w.NorwegianHours)),
                data.Totals.NorwegianHours, data.RuleSet.NorwegianHoursRequired, today, deadlines.EvidenceDeadline, data.RuleSet, p.ProgrammeStart);
            socialStudies = PaceProjection.FromWeeklyHours(data.Weeks.Select(w => new WeeklyHours(w.WeekStart, w.SocialStudiesHours)),
                data.Totals.SocialStudiesHours, data.RuleSet.SocialStudiesHoursRequired, today, deadlines.EvidenceDeadline, data.RuleSet, p.ProgrammeStart);
        }

        var model = new ParticipantPage
        {
            Data = data,
            Today = today,
            NorwegianPace = norwegian,
            SocialStudiesPace = socialStudies,
            Chart = WeeklyChart.From(data.Weeks),
            StartIsLate = !ParticipantStatusRules.IsEnded(p.Status)
                && Eligibility.IsStartLate(p.SettlementDate, p.ProgrammeStart, today, data.RuleSet),
            Timeline = timeline,
            TimelineHasMore = hasMore,
            TimelinePage = page,
            StaffNames = data.StaffNames,
            CanCoordinate = User.IsInRole(Roles.Coordinator),
            CanDecide = User.IsInRole(Roles.Caseworker),
            StatusChanges = User.IsInRole(Roles.Coordinator) ? ParticipantPage.CoordinatorStatusChanges(p.Status) : [],
        };
        Response.StatusCode = statusCode;
        return View("Details", model);
    }

    private ParticipantFormPage EditPage(Participant participant, ParticipantInput input, uint version) => new()
    {
        Input = input,
        ParticipantId = participant.Id,
        Version = version,
        MaskedNationalId = participant.NationalIdMasked,
        ParticipantName = participant.FullName,
    };

    private async Task<IActionResult> FormErrorAsync(ParticipantFormPage form, int statusCode)
    {
        Response.StatusCode = statusCode;
        return View("Form", await FormPageAsync(form));
    }

    private async Task<ParticipantFormPage> FormPageAsync(ParticipantFormPage form)
    {
        var culture = CultureInfo.CurrentCulture;
        form.CommonCountries = Countries.Common.Select(c => new Choice(c, t.CountryName(c))).ToList();
        form.OtherCountries = Countries.All.Except(Countries.Common)
            .Select(c => new Choice(c, t.CountryName(c)))
            .OrderBy(c => c.Text, StringComparer.Create(culture, ignoreCase: true))
            .ToList();
        form.Languages = ParticipantRegistration.Languages
            .Select(l => new Choice(l, t.LanguageName(l)))
            .OrderBy(c => c.Text, StringComparer.Create(culture, ignoreCase: true))
            .ToList();
        form.Coordinators = await StaffChoicesAsync(Roles.Coordinator, form.Input.CoordinatorId);
        form.Caseworkers = await StaffChoicesAsync(Roles.Caseworker, form.Input.CaseworkerId);
        return form;
    }

    /// <summary>
    /// Active staff of the municipality with the role. A chosen person who is no longer active stays in the list,
    /// marked, so the form does not silently drop them (the registry then asks for someone active).
    /// </summary>
    private async Task<IReadOnlyList<Choice>> StaffChoicesAsync(string role, Guid? current)
    {
        var staff = await db.StaffWithRoleAsync(role, current, HttpContext.RequestAborted);
        return staff.Select(u => new Choice(u.Id.ToString(),
            u.IsActive ? u.DisplayName : t["Participants.Form.InactiveStaff", u.DisplayName].Value)).ToList();
    }
}
