using FluentValidation;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Users;

/// <summary>
/// What the staff invitation form accepts. An address already in use is answered by <c>Invitations</c>, which asks
/// the user store.
/// </summary>
public sealed class InviteStaffModelValidator : FormValidator<InviteStaffModel>
{
    public const string RoleRequired = "Users.RoleRequired";

    public InviteStaffModelValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(m => m.DisplayName).Filled(texts, "Users.Name").NotLongerThan(200, texts, "Users.Name");
        RuleFor(m => m.Email).EmailAddressOf(texts, "Account.Email");
        RuleFor(m => m.Title).NotLongerThan(100, texts, "Users.Title.Job");
        // At least one staff role; the controller drops anything else a hand-made request lists.
        RuleFor(m => m.Roles).Must(roles => roles.Any(Roles.Staff.Contains)).WithText(texts, RoleRequired);
    }
}
