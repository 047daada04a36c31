using FluentValidation;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Hours;

/// <summary>The school's CSV export, uploaded for a preview.</summary>
public sealed class ImportUploadForm
{
    public IFormFile? File { get; set; }
}

/// <summary>
/// A file must be chosen, not empty, and at most 2 MB. Its rows (columns, dates, hours, participants, the 24-hour day)
/// are checked by <see cref="HourImport"/>, which shows every problem by row and column in the preview and checks them
/// all again, under the participants' locks, when the import is committed.
/// </summary>
public sealed class ImportUploadFormValidator : FormValidator<ImportUploadForm>
{
    public ImportUploadFormValidator(IStringLocalizer<Ui> texts) : base(texts) =>
        RuleFor(f => f.File)
            .Must(file => file is { Length: > 0 }).WithText(texts, "Hours.Import.ChooseFile")
            .Must(file => file!.Length <= HourImport.MaxFileBytes).WithText(texts, ImportErrors.FileTooLarge);
}
