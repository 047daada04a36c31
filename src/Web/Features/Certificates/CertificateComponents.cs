using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Web.Features.Certificates;

/// <summary>The certificate box on the staff participant page: what can be issued now, or why not.</summary>
public sealed class ParticipantCertificatesViewComponent(CertificateIssuer issuer) : ViewComponent
{
    /// <param name="participant">As the page read it (this municipality's), with <paramref name="leave"/>: not read again.</param>
    public async Task<IViewComponentResult> InvokeAsync(Participant participant, IReadOnlyList<LeavePeriod> leave)
    {
        var standing = await issuer.StandingAsync(participant, leave, HttpContext.RequestAborted);
        return View("~/Features/Certificates/_ParticipantCertificates.cshtml",
            new ParticipantCertificatesSummary(participant.Id, standing, UserClaimsPrincipal.IsInRole(Roles.Caseworker)));
    }
}

public sealed record ParticipantCertificatesSummary(Guid ParticipantId, IReadOnlyList<CertificateStanding> Standing, bool CanIssue);

/// <summary>The signed-in participant's own certificates, for the portal pages.</summary>
public sealed class MyCertificatesViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.UserId();
        var mine = await db.Certificates.AsNoTracking()
            .Where(c => db.Participants.Any(p => p.Id == c.ParticipantId && p.UserId == userId))
            .OrderByDescending(c => c.IssuedAt)
            .Select(c => new MyCertificate(c.Id, c.Number, c.Kind, c.IssuedOn, c.RevokedAt != null)).ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/Certificates/_MyCertificates.cshtml", mine);
    }
}
