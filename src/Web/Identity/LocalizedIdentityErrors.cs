using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace IntroProgram.Web.Identity;

/// <summary>Identity's messages in the user's language, from the same texts as the rest of the UI.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<Ui> t) : IdentityErrorDescriber
{
    private IdentityError E(string code, params object[] args) =>
        new() { Code = code, Description = args.Length == 0 ? t["Identity." + code] : t["Identity." + code, args] };

    public override IdentityError DefaultError() => E(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure));
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => E(nameof(InvalidToken));
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail));
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidEmail));
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail));
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateEmail));
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper));
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword));
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole));
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole));
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(InvalidToken));
}
