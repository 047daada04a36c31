using System.Globalization;
using IntroProgram.Infrastructure.Certificates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace IntroProgram.Web.Features.Certificates;

/// <summary>
/// Renders the certificate's Razor template to a string, inside a request or in a background job alike. The document
/// is in bokmål with English sub-headings whatever language the issuer's screen is in.
/// </summary>
public sealed class RazorCertificateTemplate(IRazorViewEngine engine, ITempDataProvider tempData, IServiceProvider services) : ICertificateTemplate
{
    public const string ViewPath = "~/Features/Certificates/Document.cshtml";
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb");

    public async Task<string> RenderAsync(CertificateDocument document, CancellationToken ct = default)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var view = engine.GetView(executingFilePath: null, ViewPath, isMainPage: true).View
            ?? throw new InvalidOperationException($"The certificate template {ViewPath} is missing.");
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var viewData = new ViewDataDictionary<CertificateDocument>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = document };
        var context = new ViewContext(actionContext, view, viewData, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Norwegian;
        try
        {
            await view.RenderAsync(context);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
        return writer.ToString();
    }
}
