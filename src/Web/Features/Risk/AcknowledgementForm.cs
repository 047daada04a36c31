using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Risk;

/// <summary>What a coordinator writes when acknowledging a risk flag: what was done about it.</summary>
public sealed class AcknowledgementForm
{
    public const int MaxNoteLength = 1000;

    public string? Note { get; set; }
}

/// <summary>The note is required and at most 1,000 characters once trimmed; the message goes back with the redirect.</summary>
public sealed class AcknowledgementFormValidator : FormValidator<AcknowledgementForm>
{
    public AcknowledgementFormValidator(IStringLocalizer<Ui> texts) : base(texts) =>
        RuleFor(f => f.Note)
            .NotEmpty().WithText(texts, "Risk.Flags.NoteRequired")
            .Must(note => note!.Trim().Length <= AcknowledgementForm.MaxNoteLength).WithText(texts, "Risk.Flags.NoteTooLong");
}
