using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class NationalIdTests
{
    // Numbers below were constructed for these tests with the mod-11 rules; none belongs to a real person
    // as far as we know, and the tests only depend on their arithmetic.
    private const string ValidBirthNumber = "01019012480"; // 1 January 1990, individual number 124
    private const string ValidDNumber = "55078520026"; // 15 July 1985 (day 15 + 40)

    private static NationalId Parse(string input, bool allowSynthetic = false)
    {
        Assert.True(NationalId.TryParse(input, allowSynthetic, out var id, out var error), $"Expected valid, got {error}");
        return id;
    }

    private static string Error(string? input, bool allowSynthetic = false)
    {
        Assert.False(NationalId.TryParse(input, allowSynthetic, out var id, out var error));
        Assert.Null(id);
        return error;
    }

    [Fact]
    public void A_valid_birth_number_is_accepted()
    {
        var id = Parse(ValidBirthNumber);

        Assert.Equal(ValidBirthNumber, id.Value);
        Assert.Equal(NationalIdKind.BirthNumber, id.Kind);
        Assert.False(id.IsSynthetic);
    }

    [Fact]
    public void A_birth_number_yields_its_birth_date()
    {
        Assert.Equal(D("1990-01-01"), Parse(ValidBirthNumber).BirthDate);
    }

    [Fact]
    public void A_valid_d_number_is_accepted_as_a_d_number()
    {
        Assert.Equal(NationalIdKind.DNumber, Parse(ValidDNumber).Kind);
    }

    [Fact]
    public void A_d_number_yields_its_birth_date_without_the_added_40()
    {
        Assert.Equal(D("1985-07-15"), Parse(ValidDNumber).BirthDate);
    }

    [Fact]
    public void The_two_argument_overload_accepts_a_valid_number()
    {
        Assert.True(NationalId.TryParse(ValidBirthNumber, out var id, out var error));
        Assert.NotNull(id);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("010190 12480")]
    [InlineData(" 01019012480 ")]
    [InlineData("01 01 90 124 80")]
    [InlineData("010190\t12480")]
    public void Spaces_in_the_input_are_ignored(string input)
    {
        Assert.Equal(ValidBirthNumber, Parse(input).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_input_is_refused_as_required(string? input)
    {
        Assert.Equal(ErrorCodes.NationalIdRequired, Error(input));
    }

    [Theory]
    [InlineData("0101901248a")]
    [InlineData("01019O12480")]
    [InlineData("010190-12480")]
    [InlineData("abcdefghijk")]
    [InlineData("０１０１９０１２４８０")] // full-width digits are digits to .NET, but not to the register
    public void Input_with_letters_or_symbols_is_refused(string input)
    {
        Assert.Equal(ErrorCodes.NationalIdInvalidCharacters, Error(input));
    }

    [Theory]
    [InlineData("0101901248")]
    [InlineData("010190124800")]
    [InlineData("1")]
    public void Input_that_is_not_11_digits_is_refused(string input)
    {
        Assert.Equal(ErrorCodes.NationalIdInvalidLength, Error(input));
    }

    [Fact]
    public void A_wrong_first_check_digit_is_refused()
    {
        Assert.Equal(ErrorCodes.NationalIdInvalidChecksum, Error("01019012490"));
    }

    [Fact]
    public void A_wrong_second_check_digit_is_refused()
    {
        Assert.Equal(ErrorCodes.NationalIdInvalidChecksum, Error("01019012481"));
    }

    [Fact]
    public void Swapped_digits_are_refused()
    {
        Assert.Equal(ErrorCodes.NationalIdInvalidChecksum, Error("10019012480"));
    }

    [Fact]
    public void A_number_whose_first_check_remainder_is_1_is_never_valid()
    {
        // The weighted sum of 010190012 leaves remainder 1, so no first check digit exists.
        for (var checkDigits = 0; checkDigits < 100; checkDigits++)
        {
            Assert.False(NationalId.TryParse($"010190012{checkDigits:D2}", out _, out _));
        }
    }

    [Fact]
    public void A_number_whose_second_check_remainder_is_1_is_never_valid()
    {
        // 010190007 has first check digit 5, after which the second weighted sum leaves remainder 1.
        for (var last = 0; last < 10; last++)
        {
            Assert.False(NationalId.TryParse($"0101900075{last}", out _, out _));
        }
    }

    [Theory]
    [InlineData("01019000407")] // first check remainder 0
    [InlineData("01019000830")] // second check remainder 0
    public void A_check_remainder_of_0_gives_check_digit_0(string input)
    {
        Parse(input);
    }

    [Theory]
    [InlineData("20068050031", "1880-06-20")] // 500–749 with year 54–99: 1800s
    [InlineData("01019012480", "1990-01-01")] // 000–499: 1900s
    [InlineData("24124590260", "1945-12-24")] // 900–999 with year 40–99: 1900s
    [InlineData("10030550140", "2005-03-10")] // 500–999 with year 00–39: 2000s
    public void The_century_follows_the_individual_number(string input, string birthDate)
    {
        Assert.Equal(D(birthDate), Parse(input).BirthDate);
    }

    [Fact]
    public void A_valid_number_whose_century_cannot_be_determined_has_no_birth_date()
    {
        // Individual number 800 with year 50 is outside every classic allocation range.
        Assert.Null(Parse("01015080082").BirthDate);
    }

    [Theory]
    [InlineData("29020050088", "2000-02-29")]
    [InlineData("29029600013", "1996-02-29")]
    public void A_29_february_birth_date_in_a_leap_year_is_accepted(string input, string birthDate)
    {
        Assert.Equal(D(birthDate), Parse(input).BirthDate);
    }

    [Fact]
    public void A_29_february_birth_date_in_a_common_year_is_refused()
    {
        Assert.Equal(ErrorCodes.NationalIdInvalidDate, Error("29020100085"));
    }

    [Theory]
    [InlineData("01139010074")] // month 13
    [InlineData("32019010189")] // day 32
    public void An_impossible_date_is_refused(string input)
    {
        Assert.Equal(ErrorCodes.NationalIdInvalidDate, Error(input));
    }

    [Fact]
    public void A_month_plus_40_number_is_refused()
    {
        // Month + 40 marks H-numbers and some synthetic schemes, not a person in the population register.
        Assert.Equal(ErrorCodes.NationalIdInvalidDate, Error("01419010029"));
    }

    [Fact]
    public void A_synthetic_test_number_is_refused_by_default()
    {
        Assert.Equal(ErrorCodes.NationalIdSyntheticNotAllowed, Error("01819010001"));
    }

    [Fact]
    public void A_synthetic_test_number_is_accepted_when_allowed()
    {
        var id = Parse("01819010001", allowSynthetic: true);

        Assert.True(id.IsSynthetic);
        Assert.Equal(D("1990-01-01"), id.BirthDate);
    }

    [Fact]
    public void A_synthetic_d_number_is_accepted_when_allowed()
    {
        var id = Parse("41819010186", allowSynthetic: true);

        Assert.True(id.IsSynthetic);
        Assert.Equal(NationalIdKind.DNumber, id.Kind);
    }

    [Fact]
    public void Masked_shows_the_first_six_digits_and_hides_the_last_five()
    {
        Assert.Equal("010190*****", Parse(ValidBirthNumber).Masked);
    }

    [Fact]
    public void ToString_never_reveals_the_full_number()
    {
        var id = Parse(ValidBirthNumber);

        Assert.Equal(id.Masked, id.ToString());
        Assert.DoesNotContain("12480", $"{id}");
    }

    [Fact]
    public void The_same_number_typed_with_and_without_spaces_is_equal()
    {
        var a = Parse("010190 12480");
        var b = Parse(ValidBirthNumber);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Different_numbers_are_not_equal()
    {
        Assert.NotEqual(Parse(ValidBirthNumber), Parse(ValidDNumber));
    }
}
