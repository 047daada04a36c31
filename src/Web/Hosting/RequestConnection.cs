using System.Net.Sockets;
using IntroProgram.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntroProgram.Web.Hosting;

/// <summary>
/// One database connection for the whole of an authorised MVC request, instead of one taken from the pool and bound
/// to the municipality for every statement. A participant page sent nineteen statements: each had its own pool
/// round and its own binding statement, which cost the page about a sixth of the app's processor time
/// (docs/performance.md). The connection goes back to the pool when the request's scope ends; before every statement
/// <see cref="IntroProgram.Infrastructure.Tenancy.TenantConnectionInterceptor"/> checks that it is still bound to the
/// request's municipality.
/// </summary>
public sealed class RequestConnectionFilter(AppDbContext db, ILogger<RequestConnectionFilter> logger) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        try
        {
            await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            // PostgreSQL is unreachable: the page still runs (the error page needs no database); a statement it sends
            // opens a connection of its own and fails, or succeeds if PostgreSQL is back by then.
            logger.LogWarning(e, "No database connection for the request; its statements will open their own.");
        }
        await next();
    }
}
