using FluentValidation.TestHelper;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Web.Features.Municipalities;
using IntroProgram.Web.Features.Users;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests;

/// <summary>The two invitation forms' rules (a new municipality's first admin, a new staff member) at their boundaries.</summary>
public sealed class InvitationFormValidatorTests
{
    private static readonly CreateMunicipalityModelValidator Municipality = new(Texts);
    private static readonly InviteStaffModelValidator Staff = new(Texts);

    private static CreateMunicipalityModel NewMunicipality(string? name = "Bergen", string? number = "4601", string? slug = "bergen",
        string? email = "admin@bergen.kommune.no") =>
        new() { Name = name, Number = number, Slug = slug, AdminName = "Kari Nordmann", AdminEmail = email };

    private static InviteStaffModel NewStaff(string? email = "ola@kommune.no", string? title = null, string[]? roles = null) =>
        new() { DisplayName = "Ola Nordmann", Email = email, Title = title, Roles = [.. roles ?? [Roles.Coordinator]] };

    [Fact]
    public void Complete_forms_pass()
    {
        Municipality.TestValidate(NewMunicipality()).ShouldNotHaveAnyValidationErrors();
        Staff.TestValidate(NewStaff()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Every_blank_field_is_required()
    {
        var result = Municipality.TestValidate(new CreateMunicipalityModel { Name = " " });

        foreach (var field in new[] { "Name", "Number", "Slug", "AdminName", "AdminEmail" })
        {
            result.ShouldHaveValidationErrorFor(field).WithErrorCode("Validation.Required");
        }
    }

    [Fact]
    public void The_required_message_names_the_field_in_the_page_language()
    {
        var form = NewMunicipality(name: "");

        Assert.Equal("Navn må fylles ut.", InLanguage("nb", () => Assert.Single(Municipality.Validate(form).Errors).ErrorMessage));
        Assert.Equal("Enter Name.", InLanguage("en", () => Assert.Single(Municipality.Validate(form).Errors).ErrorMessage));
    }

    [Theory]
    [InlineData("4601")]
    [InlineData("0301")]
    public void A_municipality_number_of_four_digits_is_accepted(string number)
    {
        Municipality.TestValidate(NewMunicipality(number: number)).ShouldNotHaveValidationErrorFor(m => m.Number);
    }

    [Theory]
    [InlineData("460")]
    [InlineData("46011")]
    [InlineData("12a4")]
    [InlineData("4601\n")]
    [InlineData("\u0664\u0666\u0660\u0661")] // Arabic-Indic digits are digits, but not a kommunenummer
    public void A_municipality_number_that_is_not_four_digits_is_refused(string number)
    {
        Municipality.TestValidate(NewMunicipality(number: number))
            .ShouldHaveValidationErrorFor(m => m.Number).WithErrorCode("Municipality.NumberFormat");
    }

    [Theory]
    [InlineData("Bergen")]
    [InlineData("bergen-")]
    [InlineData("-bergen")]
    [InlineData("bergen--nord")]
    [InlineData("bergen nord")]
    public void A_short_name_other_than_lower_case_words_joined_by_hyphens_is_refused(string slug)
    {
        Municipality.TestValidate(NewMunicipality(slug: slug)).ShouldHaveValidationErrorFor(m => m.Slug).WithErrorCode("Municipality.SlugFormat");
    }

    [Fact]
    public void A_short_name_may_have_60_characters_and_not_61()
    {
        Municipality.TestValidate(NewMunicipality(slug: new string('a', 60))).ShouldNotHaveValidationErrorFor(m => m.Slug);
        Municipality.TestValidate(NewMunicipality(slug: new string('a', 61))).ShouldHaveValidationErrorFor(m => m.Slug).WithErrorCode("Validation.TooLong");
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("@kommune.no")]
    [InlineData("ola@")]
    public void An_address_without_something_on_each_side_of_one_at_sign_is_refused(string email)
    {
        Municipality.TestValidate(NewMunicipality(email: email)).ShouldHaveValidationErrorFor(m => m.AdminEmail).WithErrorCode("Validation.Email");
        Staff.TestValidate(NewStaff(email: email)).ShouldHaveValidationErrorFor(m => m.Email).WithErrorCode("Validation.Email");
    }

    [Fact]
    public void An_address_may_have_254_characters_and_not_255()
    {
        var domain = "@kommune.no";
        Staff.TestValidate(NewStaff(email: new string('a', 254 - domain.Length) + domain)).ShouldNotHaveValidationErrorFor(m => m.Email);
        Staff.TestValidate(NewStaff(email: new string('a', 255 - domain.Length) + domain)).ShouldHaveValidationErrorFor(m => m.Email).WithErrorCode("Validation.TooLong");
    }

    [Fact]
    public void A_job_title_may_have_100_characters_and_says_it_is_the_job_title_beyond()
    {
        Staff.TestValidate(NewStaff(title: new string('a', 100))).ShouldNotHaveAnyValidationErrors();
        Assert.Equal("Stillingstittel er for lang.",
            InLanguage("nb", () => Assert.Single(Staff.Validate(NewStaff(title: new string('a', 101))).Errors).ErrorMessage));
    }

    [Theory]
    [InlineData("")]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.PlatformOperator)]
    public void A_staff_member_needs_at_least_one_staff_role(string role)
    {
        Staff.TestValidate(NewStaff(roles: role.Length == 0 ? [] : [role])).ShouldHaveValidationErrorFor(m => m.Roles).WithErrorCode(InviteStaffModelValidator.RoleRequired);
    }
}
