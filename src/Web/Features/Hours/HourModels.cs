using System.Globalization;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>Who the form is about, shown at the top of every per-participant hours page.</summary>
public sealed record ParticipantHeader(
    Guid Id, string Name, string NationalIdMasked, ParticipantStatus Status, DateOnly? ProgrammeStart,
    HourTotals Hours, decimal ExtraNorwegianGranted, decimal ExcusedAbsence, decimal UnexcusedAbsence,
    IReadOnlyList<LeavePeriod> Leave);

/// <summary>One hour entry for one participant. Field names match <see cref="LedgerFields"/>, so service errors land next to them.</summary>
public sealed class HourEntryForm : IParticipantForm
{
    public Guid FormToken { get; set; }
    public DateOnly? Date { get; set; }
    public HourCategory? Category { get; set; }
    /// <summary>Text, not a number: "1,5" and "1.5" are both accepted (see <see cref="HoursText"/>).</summary>
    public string? Hours { get; set; }
    public string? Note { get; set; }

    [BindNever, ValidateNever]
    public ParticipantHeader Participant { get; set; } = null!;
}

public sealed class AbsenceForm : IParticipantForm
{
    public Guid FormToken { get; set; }
    public DateOnly? Date { get; set; }
    public string? Hours { get; set; }
    /// <summary>Unanswered until the coordinator picks one: excused or not is a decision, not a default.</summary>
    public bool? Excused { get; set; }
    public string? Reason { get; set; }

    [BindNever, ValidateNever]
    public ParticipantHeader Participant { get; set; } = null!;
}

public enum VoidKind
{
    Entry,
    Absence,
}

/// <summary>What is about to be voided (an hour entry or an absence), for the confirmation page.</summary>
public sealed record VoidTarget(
    Guid Id, DateOnly Date, decimal Hours, HourCategory? Category, bool? Excused, string? Text, string Source,
    DateTimeOffset RecordedAt, string? RecordedBy, DateTimeOffset? VoidedAt, string? VoidedBy, string? VoidReason);

public sealed class VoidForm : IParticipantForm
{
    public string? Reason { get; set; }

    [BindNever, ValidateNever]
    public VoidKind Kind { get; set; }

    [BindNever, ValidateNever]
    public VoidTarget Target { get; set; } = null!;

    [BindNever, ValidateNever]
    public ParticipantHeader Participant { get; set; } = null!;
}

/// <summary>The radio value of a row in the class-session form that leaves the participant out of the session.</summary>
public static class SessionChoices
{
    public const string NotInGroup = "none";

    /// <summary>The values a row can have, in the order the radios are shown.</summary>
    public static readonly string[] All = [NotInGroup, nameof(Attendance.Attended), nameof(Attendance.AbsentExcused), nameof(Attendance.AbsentUnexcused)];
}

public sealed record SessionParticipantRow(Guid Id, string GivenName, string FamilyName, string NationalIdMasked, ParticipantStatus Status)
{
    public string Name => GivenName + " " + FamilyName;
}

public sealed record CoordinatorOption(Guid Id, string Name);

public sealed class ClassSessionForm
{
    public Guid FormToken { get; set; }
    public DateOnly? Date { get; set; }
    public HourCategory? Category { get; set; }
    public string? Hours { get; set; }
    public string? Title { get; set; }

    /// <summary>
    /// Participant id → one of <see cref="SessionChoices.All"/>; posted as <c>Attendance[id]=Attended</c> and read from the
    /// form in one piece (<see cref="SessionAttendanceBinder"/>), since a group can be larger than the framework's limit
    /// on bound collection items. Checked row by row by <see cref="ClassSessionFormValidator"/>.
    /// </summary>
    [ModelBinder(typeof(SessionAttendanceBinder)), ValidateNever]
    public Dictionary<Guid, string> Attendance { get; set; } = [];

    /// <summary>The participant filter the list was opened with, kept when the form is re-shown.</summary>
    public bool All { get; set; }
    public Guid? Coordinator { get; set; }

    [BindNever, ValidateNever]
    public IReadOnlyList<SessionParticipantRow> Participants { get; set; } = [];

    [BindNever, ValidateNever]
    public IReadOnlyList<CoordinatorOption> Coordinators { get; set; } = [];

    /// <summary>Row errors by participant, shown in the row; the summary shows them with the participant's name.</summary>
    [BindNever, ValidateNever]
    public Dictionary<Guid, List<string>> RowErrors { get; set; } = [];

    public string ChoiceOf(Guid participantId) =>
        Attendance.TryGetValue(participantId, out var choice) && SessionChoices.All.Contains(choice) ? choice : SessionChoices.NotInGroup;
}

/// <summary>Reads the class-session rows, <c>Attendance[participant id]=choice</c>; other fields and malformed names are ignored.</summary>
public sealed class SessionAttendanceBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var request = bindingContext.HttpContext.Request;
        bindingContext.Result = ModelBindingResult.Success(request.HasFormContentType ? ClassSessionController.AttendanceFrom(request.Form) : []);
        return Task.CompletedTask;
    }
}

public sealed record SessionMember(string Name, string NationalIdMasked, Attendance Attendance, bool Voided);

public sealed record ClassSessionReceipt(
    Guid Id, DateOnly Date, HourCategory Category, decimal Hours, string? Title, int AttendedCount, int AbsentCount,
    DateTimeOffset RecordedAt, string? RecordedBy, IReadOnlyList<SessionMember> Members);

public sealed record ImportBatchRow(Guid Id, string FileName, int ImportedCount, int SkippedCount, decimal ImportedHours, DateTimeOffset ImportedAt, string? ImportedBy);

public sealed class ImportPage
{
    public IReadOnlyList<ImportBatchRow> Recent { get; set; } = [];
}

public sealed class ImportPreviewPage
{
    /// <summary>Rows rendered at most: a 20,000-row file shows its counts and the first rows with problems.</summary>
    public const int MaxRenderedRows = 500;

    public required ImportPreview Preview { get; init; }
    public required string FileName { get; init; }
    /// <summary>The file itself, base64, carried to the commit form; only set when the file can be committed.</summary>
    public string? Content { get; init; }
    public ImportBatchRow? EarlierBatch { get; init; }

    /// <summary>Every row of a small file; of a large one only rows with problems, and not more than <see cref="MaxRenderedRows"/>.</summary>
    public IReadOnlyList<ImportPreviewRow> ShownRows =>
        Preview.Rows.Count <= MaxRenderedRows
            ? Preview.Rows
            : Preview.Rows.Where(r => r.State == ImportRowState.Refused).Take(MaxRenderedRows).ToList();

    public bool IsAbridged => Preview.Rows.Count > MaxRenderedRows;
}

/// <summary>Hours shown in the user's language.</summary>
public static class HoursText
{
    /// <summary>Hours for display in the user's language: 1,5 in Norwegian, 1.5 in English.</summary>
    public static string Format(decimal hours) => hours.ToString("0.##", CultureInfo.CurrentCulture);
}

/// <summary>The file's own column names, whatever the page language: they are what the school's export writes.</summary>
public static class ImportColumnNames
{
    public static string Of(string? column) => column switch
    {
        HourImportColumns.NationalId => "fødselsnummer",
        HourImportColumns.Date => "dato",
        HourImportColumns.Category => "kategori",
        HourImportColumns.Hours => "timer",
        HourImportColumns.Reference => "id",
        null => "",
        _ => column,
    };

    /// <summary>"Rad 4, kolonne dato: Ikke en gyldig dato" — the row and column a person opens the file at.</summary>
    public static string ErrorText(IStringLocalizer t, HourImportError error)
    {
        var message = t[error.Code].Value;
        return (error.RowNumber, error.Column) switch
        {
            (0, _) => message,
            (_, null) => t["Hours.Import.RowError", error.RowNumber, message],
            _ => t["Hours.Import.RowColumnError", error.RowNumber, Of(error.Column), message],
        };
    }
}

/// <summary>Moments shown in Norwegian time, whatever time zone the server runs in.</summary>
public static class Times
{
    public static string Format(DateTimeOffset at) => OsloTime.ToOslo(at).ToString("g", CultureInfo.CurrentCulture);
}

/// <summary>A form about one participant, shown with the participant's name and totals above it.</summary>
public interface IParticipantForm
{
    ParticipantHeader Participant { get; set; }
}
