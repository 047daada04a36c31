using IntroProgram.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Identity;

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Invitation links. The token is bound to the user's security stamp, which changes when the password is set,
/// so a link works once.
/// </summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider dataProtectionProvider, IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "accept-invitation";
}
