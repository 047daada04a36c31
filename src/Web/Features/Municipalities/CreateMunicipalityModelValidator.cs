using FluentValidation;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Features.Municipalities;

/// <summary>
/// What the create-municipality form accepts. A number or short name already taken is checked by the controller
/// against the table, and again by its unique index inside the transaction that creates the municipality.
/// </summary>
public sealed class CreateMunicipalityModelValidator : FormValidator<CreateMunicipalityModel>
{
    public CreateMunicipalityModelValidator(IStringLocalizer<Ui> texts) : base(texts)
    {
        RuleFor(m => m.Name).Filled(texts, "Municipality.Name").NotLongerThan(100, texts, "Municipality.Name");
        RuleFor(m => m.Number).Filled(texts, "Municipality.Number")
            .Must(Municipality.IsValidNumber).WithText(texts, "Municipality.NumberFormat");
        RuleFor(m => m.Slug).Filled(texts, "Municipality.Slug")
            .NotLongerThan(Municipality.MaxSlugLength, texts, "Municipality.Slug")
            .Must(Municipality.IsValidSlug).WithText(texts, "Municipality.SlugFormat");
        RuleFor(m => m.AdminName).Filled(texts, "Municipality.AdminName").NotLongerThan(200, texts, "Municipality.AdminName");
        RuleFor(m => m.AdminEmail).EmailAddressOf(texts, "Municipality.AdminEmail");
    }
}
