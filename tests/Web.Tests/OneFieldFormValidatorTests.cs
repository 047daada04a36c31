using FluentValidation.TestHelper;
using IntroProgram.Infrastructure.Ledger;
using IntroProgram.Web.Features.Benefit;
using IntroProgram.Web.Features.Certificates;
using IntroProgram.Web.Features.Hours;
using IntroProgram.Web.Features.Portal;
using IntroProgram.Web.Features.Risk;
using Microsoft.AspNetCore.Http;
using static IntroProgram.Web.Tests.Support.ValidatorSupport;

namespace IntroProgram.Web.Tests;

/// <summary>The forms of one field: a flag's note, a portal invitation, a month, an uploaded file. No app, no database.</summary>
public sealed class OneFieldFormValidatorTests
{
    /// <summary>00:30 in Oslo on 1 December 2026, still 30 November in UTC.</summary>
    private static readonly DateTimeOffset JustAfterMidnight = new(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "Risk.Flags.NoteRequired")]
    [InlineData("   ", "Risk.Flags.NoteRequired")]
    [InlineData("1001", "Risk.Flags.NoteTooLong")]
    public void A_flag_is_acknowledged_with_a_note_of_at_most_1000_characters(string? note, string code)
    {
        note = note == "1001" ? new string('n', 1001) : note;
        new AcknowledgementFormValidator(Texts).TestValidate(new AcknowledgementForm { Note = note })
            .ShouldHaveValidationErrorFor(f => f.Note).WithErrorCode(code).Only();
    }

    [Fact]
    public void A_note_of_1000_characters_between_spaces_is_accepted()
    {
        new AcknowledgementFormValidator(Texts).TestValidate(new AcknowledgementForm { Note = "  " + new string('n', 1000) + "  " })
            .ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("navn@eksempel.no", true)]
    [InlineData("  navn@eksempel.no  ", true)]
    [InlineData("", false)]
    [InlineData("navn", false)]
    [InlineData("@eksempel.no", false)]
    [InlineData("navn@", false)]
    [InlineData(" @eksempel.no", false)]
    public void A_portal_invitation_needs_an_address(string email, bool accepted)
    {
        var result = new PortalInvitationFormValidator(Texts).TestValidate(new PortalInvitationForm { Email = email });
        if (accepted)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            Assert.Single(result.ShouldHaveValidationErrorFor(f => f.Email).WithErrorCode("PortalAccess.EmailInvalid"));
        }
    }

    [Fact]
    public void A_portal_address_is_at_most_256_characters_without_its_spaces()
    {
        var at256 = new string('a', 256 - "@eksempel.no".Length) + "@eksempel.no";
        new PortalInvitationFormValidator(Texts).TestValidate(new PortalInvitationForm { Email = " " + at256 + " " }).ShouldNotHaveAnyValidationErrors();
        new PortalInvitationFormValidator(Texts).TestValidate(new PortalInvitationForm { Email = "a" + at256 })
            .ShouldHaveValidationErrorFor(f => f.Email);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("2026-03", true)]
    [InlineData("2000-01", true)]
    [InlineData("1999-12", false)]
    [InlineData("2026-13", false)]
    [InlineData("2026-3", false)]
    [InlineData("mars", false)]
    public void The_benefit_month_is_optional_and_else_a_month(string? month, bool accepted)
    {
        var result = new BenefitQueryValidator(Texts).TestValidate(new BenefitQuery { Month = month });
        if (accepted)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(q => q.Month).WithErrorCode("Benefit.MonthInvalid");
        }
    }

    [Theory]
    [InlineData("2027-01", true)]  // next month in Oslo, though UTC is still in November
    [InlineData("2026-12", true)]
    [InlineData("2027-02", false)]
    [InlineData(null, false)]
    [InlineData("1999-12", false)]
    public void A_certificate_batch_is_for_a_month_up_to_next_month(string? month, bool accepted)
    {
        var result = new BatchMonthFormValidator(Texts, ClockAt(JustAfterMidnight)).TestValidate(new BatchMonthForm { Month = month });
        if (accepted)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(f => f.Month).WithErrorCode("Certificates.Batch.MonthInvalid");
        }
    }

    [Theory]
    [InlineData(-1, "Hours.Import.ChooseFile")]
    [InlineData(0, "Hours.Import.ChooseFile")]
    [InlineData(HourImport.MaxFileBytes + 1, ImportErrors.FileTooLarge)]
    public void An_upload_needs_a_file_of_at_most_2_mb(long length, string code)
    {
        var form = new ImportUploadForm { File = length < 0 ? null : new FormFile(Stream.Null, 0, length, "file", "hours.csv") };
        new ImportUploadFormValidator(Texts).TestValidate(form).ShouldHaveValidationErrorFor(f => f.File).WithErrorCode(code).Only();
    }

    [Fact]
    public void A_file_of_exactly_2_mb_is_accepted()
    {
        var form = new ImportUploadForm { File = new FormFile(Stream.Null, 0, HourImport.MaxFileBytes, "file", "hours.csv") };
        new ImportUploadFormValidator(Texts).TestValidate(form).ShouldNotHaveAnyValidationErrors();
    }
}
