using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using IntroProgram.Domain.Auditing;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using IntroProgram.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Features.Account;

[Route("account")]
public sealed class AccountController(
    AppSignInManager signIn, UserManager<AppUser> users, UserLookup lookup, TenantContext tenant,
    AuditLog audit, TimeProvider clock, IStringLocalizer<Ui> t, IOptions<IdPortenOptions> idPorten,
    StaffProviderSchemes staffSchemes, IntroProgram.Infrastructure.Data.AppDbContext db, ILogger<AccountController> logger) : Controller
{
    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect("/") : View(WithIdPorten(new LoginModel { ReturnUrl = returnUrl }));

    private LoginModel WithIdPorten(LoginModel model)
    {
        model.IdPortenEnabled = idPorten.Value.Enabled;
        return model;
    }

    /// <summary>
    /// "Logg inn med ID-porten": a link, not a form. The pages' CSP allows forms to post only to this site
    /// (form-action 'self'), and browsers apply that to the redirects after a post too, so a post could not lead on to
    /// ID-porten. Starting a sign-in changes nothing here; the state ties the answer to this browser.
    /// </summary>
    [HttpGet("idporten"), AllowAnonymous, EnableRateLimiting("login")]
    public IActionResult IdPorten()
    {
        if (!idPorten.Value.Enabled)
        {
            return NotFound();
        }
        return Challenge(new AuthenticationProperties { RedirectUri = "/me" }, FederatedSignIn.IdPortenScheme);
    }

    /// <summary>ID-porten knew the person, but no municipality has them as a participant.</summary>
    [HttpGet("idporten/unknown"), AllowAnonymous]
    public IActionResult IdPortenUnknown() => View();

    /// <summary>A federated sign-in was refused; the reason says what the person can do, never more than that.</summary>
    [HttpGet("sign-in-refused"), AllowAnonymous]
    public IActionResult SignInRefused(string? reason)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var known = reason is "level" or "mfa" or "unknown" or "inactive" ? reason : "failed";
        return View(model: known);
    }

    [HttpPost("login"), AllowAnonymous, EnableRateLimiting("login")]
    public async Task<IActionResult> Login(LoginModel model)
    {
        WithIdPorten(model);
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        var home = await lookup.FindByEmailAsync(model.Email!);
        var provider = home?.TenantId is { } homeTenant ? await StaffProviderOfAsync(homeTenant) : null;
        if (provider is not null && (string.IsNullOrEmpty(model.Password) || !provider.Value.PasswordAllowed))
        {
            // E-mail first: a municipality with its own provider signs its staff in there. Not by a redirect from this
            // post (form-action 'self' would stop it at the provider): a page of ours leads on with a plain link.
            TempData[ProviderHintKey] = model.Email!.Trim();
            TempData[ProviderReturnKey] = ReturnUrls.LocalOr(Url, model.ReturnUrl, "/");
            return View("ToProvider");
        }
        if (string.IsNullOrEmpty(model.Password))
        {
            model.AskForPassword = true;
            ModelState.AddModelError(nameof(model.Password), t["Validation.Required", t["Account.Password"]]);
            return View(model);
        }
        var user = home is null ? null : await FindInHomeAsync(home);
        if (user is null)
        {
            // Spend the same hashing work as for a real account, so response time does not reveal which exist.
            signIn.SpendPasswordCheck(model.Password!);
            ModelState.AddModelError("", t["Account.LoginFailed"]);
            return View(model);
        }
        var result = await signIn.PasswordSignInAsync(user, model.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditAction.Login, "User", user.Id.ToString(), actorId: user.Id);
            return RedirectAfterLogin(model.ReturnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(LoginTwoFactor), new { returnUrl = model.ReturnUrl });
        }
        // The audit log says why; the visitor gets one message for every refusal, so a stranger who knows an address
        // cannot learn that the account exists, is locked or is deactivated.
        await audit.WriteAsync(AuditAction.LoginFailed, "User", user.Id.ToString(), actorId: user.Id,
            details: result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");
        ModelState.AddModelError("", t["Account.LoginFailed"]);
        return View(model);
    }

    [HttpGet("login/two-factor"), AllowAnonymous]
    public async Task<IActionResult> LoginTwoFactor(string? returnUrl) =>
        await BindPendingTwoFactorUserAsync() is null
            ? RedirectToAction(nameof(Login))
            : View(new TwoFactorLoginModel { ReturnUrl = returnUrl });

    [HttpPost("login/two-factor"), AllowAnonymous, EnableRateLimiting("login")]
    public async Task<IActionResult> LoginTwoFactor(TwoFactorLoginModel model)
    {
        var user = await BindPendingTwoFactorUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        var code = model.Code!.Replace(" ", "", StringComparison.Ordinal).Trim();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditAction.Login, "User", user.Id.ToString(), actorId: user.Id, details: "two-factor");
            return RedirectAfterLogin(model.ReturnUrl);
        }
        await audit.WriteAsync(AuditAction.LoginFailed, "User", user.Id.ToString(), actorId: user.Id, details: "wrong code");
        ModelState.AddModelError(nameof(model.Code), result.IsLockedOut ? t["Account.LockedOut"] : t["Account.WrongCode"]);
        return View(model);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        string? idToken = null;
        if (idPorten.Value.Enabled && User.HasClaim(FederatedSignIn.SignInClaim, FederatedSignIn.IdPortenScheme))
        {
            var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            session.Properties?.Items.TryGetValue(FederatedSignIn.IdTokenItem, out idToken);
        }
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            // A new security stamp makes every copy of the old cookie worthless, not just this browser's.
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(AuditAction.Logout, "User", user.Id.ToString());
        }
        await signIn.SignOutAsync();
        if (idToken is not null)
        {
            // RP-initiated logout at ID-porten too. Not by a redirect from this post (CSP form-action 'self' would stop
            // it): a page of ours leads on to /account/logout/idporten, which sends the browser to ID-porten.
            TempData[IdTokenKey] = idToken;
            return View("ToIdPortenLogout");
        }
        return RedirectToAction(nameof(Login));
    }

    private const string IdTokenKey = "Account.IdToken";

    /// <summary>Sends the browser to ID-porten's end_session with the ID token as hint; back to the login page after.</summary>
    [HttpGet("logout/idporten"), AllowAnonymous]
    public IActionResult LogoutIdPorten()
    {
        if (!idPorten.Value.Enabled || TempData[IdTokenKey] is not string idToken)
        {
            return RedirectToAction(nameof(Login));
        }
        HttpContext.Items[FederatedSignIn.IdTokenItem] = idToken;
        return SignOut(new AuthenticationProperties { RedirectUri = Url.Action(nameof(Login)) }, FederatedSignIn.IdPortenScheme);
    }

    private const string ProviderHintKey = "Account.ProviderHint";
    private const string ProviderReturnKey = "Account.ProviderReturn";

    /// <summary>The e-mail-first step's way on to the municipality's provider (the address is kept in TempData, never in the URL).</summary>
    [HttpGet("login/provider"), AllowAnonymous, EnableRateLimiting("login")]
    public async Task<IActionResult> ToProvider()
    {
        if (TempData[ProviderHintKey] is not string email || email.Length > 256)
        {
            return RedirectToAction(nameof(Login));
        }
        var model = WithIdPorten(new LoginModel { Email = email, ReturnUrl = TempData[ProviderReturnKey] as string });
        var home = await lookup.FindByEmailAsync(email);
        var provider = home?.TenantId is { } homeTenant ? await StaffProviderOfAsync(homeTenant) : null;
        if (provider is null)
        {
            return RedirectToAction(nameof(Login));
        }
        return await ChallengeStaffProviderAsync(model, provider.Value.Number, home!);
    }

    private async Task<(string Number, bool PasswordAllowed)?> StaffProviderOfAsync(Guid tenantId)
    {
        tenant.Use(tenantId);
        var row = await db.StaffSignInProviders.AsNoTracking()
            .Join(db.Municipalities.Where(m => m.IsActive), p => p.TenantId, m => m.Id, (p, m) => new { m.Number, p.PasswordSignInAllowed })
            .SingleOrDefaultAsync();
        return row is null ? null : (row.Number, row.PasswordSignInAllowed);
    }

    /// <summary>
    /// To the municipality's own provider. When it cannot be reached, a clear message here; nothing else depends on it
    /// (other municipalities' schemes and password sign-in are separate).
    /// </summary>
    private async Task<IActionResult> ChallengeStaffProviderAsync(LoginModel model, string number, UserHome home)
    {
        if (await staffSchemes.EnsureAsync(number) is not { } scheme)
        {
            return RedirectToAction(nameof(Login)); // the provider was removed a moment ago
        }
        var properties = new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOr(Url, model.ReturnUrl, "/") };
        properties.Items[StaffProviderEvents.LoginHintItem] = model.Email!.Trim();
        try
        {
            await HttpContext.ChallengeAsync(scheme, properties);
            return new EmptyResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The provider of municipality {Number} could not be reached: {Failure}", number, e.GetType().Name);
            Response.Clear();
            await audit.WriteAsync(AuditAction.LoginFailed, "User", home.UserId.ToString(), actorId: home.UserId,
                details: "municipality's provider unreachable");
            ModelState.AddModelError("", t["Account.ProviderUnreachable"]);
            return View(nameof(Login), model);
        }
    }

    [HttpGet("access-denied"), AllowAnonymous]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [HttpGet("two-factor/setup"), Authorize]
    public async Task<IActionResult> TwoFactorSetup()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            // The shared key of an enrolled user is never shown again: a borrowed session must not copy it.
            TempData["Notice"] = t["Account.TwoFactorEnabled"].Value;
            return LocalRedirect("/");
        }
        return View(await BuildSetupModelAsync(user, new TwoFactorSetupModel()));
    }

    /// <summary>
    /// Makes the user's authenticator key, or a new one in place of a key the app never got. Only on POST: it changes
    /// the account and renews the security stamp, which a link, a prefetch or an image tag must not be able to do.
    /// </summary>
    [HttpPost("two-factor/setup/key"), Authorize]
    public async Task<IActionResult> CreateTwoFactorKey()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            // An enrolled key is never replaced from a session alone: a borrowed session must not take over the second factor.
            return LocalRedirect("/");
        }
        await users.ResetAuthenticatorKeyAsync(user);
        // Resetting the key renews the security stamp; renew this session's cookie with it.
        await signIn.SignInAsync(user, isPersistent: false);
        await audit.WriteAsync(AuditAction.Change, "User", user.Id.ToString(), details: "two-factor key created");
        return RedirectToAction(nameof(TwoFactorSetup));
    }

    [HttpPost("two-factor/setup"), Authorize]
    public async Task<IActionResult> TwoFactorSetup(TwoFactorSetupModel model)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return LocalRedirect("/");
        }
        if (ModelState.IsValid)
        {
            var code = model.Code!.Replace(" ", "", StringComparison.Ordinal).Trim();
            var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
            if (valid)
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                await audit.WriteAsync(AuditAction.Change, "User", user.Id.ToString(), details: "two-factor enabled");
                // A fresh cookie: the old one carries the security stamp that enabling two-factor just replaced.
                await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
                TempData["Notice"] = t["Account.TwoFactorEnabled"].Value;
                return LocalRedirect("/");
            }
            ModelState.AddModelError(nameof(model.Code), t["Account.WrongCode"]);
        }
        return View(await BuildSetupModelAsync(user, model));
    }

    [HttpGet("invitation"), AllowAnonymous]
    public async Task<IActionResult> Invitation(Guid user, string? token)
    {
        var invited = await FindInvitedUserAsync(user, token);
        if (invited is null)
        {
            return View("InvitationInvalid");
        }
        // A participant who has not chosen a language meets the page in their own; once, so a browser without cookies
        // simply stays in bokmål.
        if (!Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName) && !Request.Query.ContainsKey("l")
            && await users.IsInRoleAsync(invited, Roles.Participant) && Languages.Find(invited.PreferredLanguage) is { } own
            && own.Code != Languages.Current.Code)
        {
            LanguageController.RememberChoice(Response, own);
            return LocalRedirect(Request.Path + Request.QueryString.Add("l", "1"));
        }
        return View(new InvitationModel { User = user, Token = token!, DisplayName = invited.DisplayName });
    }

    [HttpPost("invitation"), AllowAnonymous, EnableRateLimiting("login")]
    public async Task<IActionResult> Invitation(InvitationModel model)
    {
        var invited = await FindInvitedUserAsync(model.User, model.Token);
        if (invited is null)
        {
            return View("InvitationInvalid");
        }
        model.DisplayName = invited.DisplayName;
        if (!ModelState.IsValid)
        {
            return View(model);
        }
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, invited, model.Password);
            errors.AddRange(check.Errors.Select(e => e.Description));
        }
        if (errors.Count == 0)
        {
            var added = await users.AddPasswordAsync(invited, model.Password!);
            errors.AddRange(added.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(nameof(model.Password), e);
            }
            return View(model);
        }
        invited.EmailConfirmed = true;
        invited.InvitationAcceptedAt = clock.GetUtcNow();
        await users.UpdateAsync(invited); // also renews the security stamp: the link is spent
        await audit.WriteAsync(AuditAction.Change, "User", invited.Id.ToString(), actorId: invited.Id, details: "invitation accepted");
        TempData["Notice"] = t["Account.PasswordSet"].Value;
        return RedirectToAction(nameof(Login));
    }

    private async Task<AppUser?> FindInvitedUserAsync(Guid userId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }
        var home = await lookup.FindByIdAsync(userId);
        if (home is null)
        {
            return null;
        }
        tenant.Use(home.TenantId);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !user.IsActive || await users.HasPasswordAsync(user))
        {
            return null;
        }
        var valid = await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token);
        return valid ? user : null;
    }

    private async Task<AppUser?> FindInHomeAsync(UserHome home)
    {
        tenant.Use(home.TenantId);
        return await users.FindByIdAsync(home.UserId.ToString());
    }

    /// <summary>Between password and code, the half-signed-in user's municipality must be bound before Identity loads them.</summary>
    private async Task<AppUser?> BindPendingTwoFactorUserAsync()
    {
        var result = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (!Guid.TryParse(result.Principal?.Identity?.Name, out var userId))
        {
            return null;
        }
        var home = await lookup.FindByIdAsync(userId);
        if (home is null)
        {
            return null;
        }
        tenant.Use(home.TenantId);
        return await signIn.GetTwoFactorAuthenticationUserAsync();
    }

    /// <summary>The enrolment page: the key and its QR code when the user has made one, otherwise the button that makes it.</summary>
    private async Task<TwoFactorSetupModel> BuildSetupModelAsync(AppUser user, TwoFactorSetupModel model)
    {
        model.Required = User.HasClaim(c => c.Type == AppClaims.TwoFactorSetupRequired);
        model.Code = "";
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return model;
        }
        var issuer = Uri.EscapeDataString("IntroProgram");
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        model.QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
        model.SharedKey = FormatKey(key);
        return model;
    }

    private static string FormatKey(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return sb.ToString().TrimEnd().ToLowerInvariant();
    }

    private IActionResult RedirectAfterLogin(string? returnUrl) => this.RedirectBack(returnUrl);
}

[Route("language")]
public sealed class LanguageController : Controller
{
    [HttpPost, AllowAnonymous]
    public async Task<IActionResult> Set(string culture, string? returnUrl,
        [FromServices] IntroProgram.Infrastructure.Data.AppDbContext db, [FromServices] AuditLog audit)
    {
        if (Languages.Find(culture) is { } language && language.Code == culture)
        {
            RememberChoice(Response, language);
            if (User.IsInRole(Roles.Participant))
            {
                // A participant's choice is also their preferred language: staff see it, and it is the default next time.
                var userId = User.UserId();
                var me = await db.Participants.FirstOrDefaultAsync(p => p.UserId == userId);
                var account = await db.Users.FirstOrDefaultAsync(u => u.Id == userId);
                if (me is not null && me.PreferredLanguage != language.Preference)
                {
                    me.PreferredLanguage = language.Preference;
                    audit.Add(AuditAction.Change, IntroProgram.Infrastructure.Participants.ParticipantRegistry.RecordType, me.Id.ToString(), me.Id,
                        "fields: PreferredLanguage (by the participant)");
                }
                if (account is not null)
                {
                    account.PreferredLanguage = language.Preference;
                }
                try
                {
                    await db.SaveChangesAsync();
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Staff saved the record at the same moment; the cookie still holds the choice for this browser.
                }
            }
        }
        return this.RedirectBack(returnUrl);
    }

    public static void RememberChoice(HttpResponse response, Language language) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Code)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
