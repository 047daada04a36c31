using System.ComponentModel.DataAnnotations;

namespace IntroProgram.Web.Features.Municipalities;

public sealed record MunicipalityRow(Guid Id, string Name, string Number, string Slug, bool IsActive, bool RequireTwoFactor, long Users);

public sealed class CreateMunicipalityModel
{
    [Required(ErrorMessage = "Validation.Required")]
    [MaxLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Municipality.Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression(@"^\d{4}$", ErrorMessage = "Municipality.NumberFormat")]
    [Display(Name = "Municipality.Number")]
    public string Number { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression(@"^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Municipality.SlugFormat")]
    [MaxLength(60, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Municipality.Slug")]
    public string Slug { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [MaxLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Municipality.AdminName")]
    public string AdminName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [MaxLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Municipality.AdminEmail")]
    public string AdminEmail { get; set; } = "";
}
