namespace NordicIoT.Cloud.Auth;

/// <summary>The dashboard's sign-in: the API key kept in an HttpOnly cookie, so page scripts never hold it and EventSource (which cannot set headers) is authenticated.</summary>
/// <remarks>
/// The cookie carries the key itself rather than a server-side session, so any process behind a load balancer checks
/// it the same way as a bearer key, and revoking the key ends the session at once. SameSite=Strict keeps other sites'
/// pages from sending it; a request that changes something must also carry <see cref="CsrfHeader"/>, which a
/// cross-site form cannot send and a cross-site script could only send after a CORS preflight this app never allows.
/// </remarks>
public static class SessionCookie
{
    /// <summary>The cookie's name.</summary>
    public const string Name = "nordiciot_session";

    /// <summary>The header the dashboard adds to every request; required with the cookie on anything but GET, HEAD and OPTIONS.</summary>
    public const string CsrfHeader = "X-Requested-By";

    /// <summary>The key in the session cookie; null when there is none.</summary>
    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var key) && !string.IsNullOrWhiteSpace(key) ? key.Trim() : null;

    /// <summary>True when a cookie-authenticated request may go ahead: it only reads, or it carries <see cref="CsrfHeader"/>.</summary>
    public static bool IsSameSiteRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
        || !string.IsNullOrWhiteSpace(request.Headers[CsrfHeader]);

    /// <summary>Sets the cookie for the browser session (no expiry: it ends when the browser closes, or at sign-out).</summary>
    public static void Append(HttpResponse response, string key) =>
        response.Cookies.Append(Name, key, Options(response.HttpContext.Request));

    /// <summary>Tells the browser to forget the cookie.</summary>
    public static void Delete(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request));

    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // Over plain HTTP (the local stack on 127.0.0.1) a Secure cookie would never be sent back.
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
