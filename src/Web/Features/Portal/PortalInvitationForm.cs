using FluentValidation;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Portal;

/// <summary>The e-mail address a participant is invited to their own pages at.</summary>
public sealed class PortalInvitationForm
{
    public const int MaxEmailLength = 256;

    public string? Email { get; set; }

    /// <summary>The address as it will be used: without the spaces around it.</summary>
    public string? Address => Email?.Trim();
}

/// <summary>
/// One message for any address that cannot be used (empty, too long, not an address), shown on the participant page
/// after the redirect. Whether the address already belongs to an account is the invitation service's to answer.
/// </summary>
public sealed class PortalInvitationFormValidator : FormValidator<PortalInvitationForm>
{
    public PortalInvitationFormValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(f => f.Email).NotEmpty().WithText(texts, "PortalAccess.EmailInvalid");
        RuleFor(f => f.Address)
            .MaximumLength(PortalInvitationForm.MaxEmailLength).WithText(texts, "PortalAccess.EmailInvalid")
            .EmailAddress().WithText(texts, "PortalAccess.EmailInvalid")
            .OverridePropertyName(nameof(PortalInvitationForm.Email))
            .When(f => !string.IsNullOrWhiteSpace(f.Email));
    }
}
