using IntroProgram.Domain.Certificates;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Web.Features.Decisions;

namespace IntroProgram.Web.Features.Certificates;

public static class CertificateSlugs
{
    public const string Evidence = "evidence";
    public const string Participation = "participation";

    public static bool TryParse(string? slug, out CertificateKind kind)
    {
        (var ok, kind) = slug switch
        {
            Evidence => (true, CertificateKind.PermanentResidenceEvidence),
            Participation => (true, CertificateKind.Participation),
            _ => (false, default),
        };
        return ok;
    }

    public static string Of(CertificateKind kind) => kind == CertificateKind.PermanentResidenceEvidence ? Evidence : Participation;
}

public sealed record CertificateRow(
    Guid Id, string Number, CertificateKind Kind, DateOnly IssuedOn, Guid ParticipantId, string HolderName, string IssuerName, bool Revoked);

public sealed class ParticipantCertificatesModel
{
    public required ParticipantHeader Participant { get; init; }
    public required IReadOnlyList<CertificateStanding> Standing { get; init; }
    public required IReadOnlyList<CertificateRow> Issued { get; init; }
    public required bool CanIssue { get; init; }
}

public sealed class CertificateListModel
{
    public int? Year { get; init; }
    public string? Kind { get; init; }
    public string? Status { get; init; }
    public int Page { get; init; } = 1;
    public IReadOnlyList<CertificateRow> Rows { get; init; } = [];
    public IReadOnlyList<int> Years { get; init; } = [];
    public bool HasMore { get; init; }
    public const int PageSize = 50;
}

public sealed class CertificateDetailsModel
{
    public required Certificate Certificate { get; init; }
    public required ParticipantHeader Participant { get; init; }
    public required string VerificationUrl { get; init; }
    public string? ReplacesNumber { get; init; }
    public string? RevokedByName { get; init; }
    public required bool CanRevoke { get; init; }
    public string? Reason { get; set; }
}

public sealed class CertificateBatchesModel
{
    public required IReadOnlyList<CertificateBatch> Batches { get; init; }
    public string? Month { get; set; }
}

public sealed record MyCertificate(Guid Id, string Number, CertificateKind Kind, DateOnly IssuedOn, bool Revoked);
