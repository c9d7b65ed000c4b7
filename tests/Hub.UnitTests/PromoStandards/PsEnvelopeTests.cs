using System.Net;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Adapters.PromoStandards;

namespace CatalogHub.UnitTests.PromoStandards;

/// <summary>Envelopes, Faults, error messages and HTTP statuses → the adapter's typed errors.</summary>
public class PsEnvelopeTests
{
    private static readonly SoapRequest GetProduct = PsRequests.GetProduct(Replies.Account, "US", "en", "TS100");

    private static string Fault(string code, string text, string detail = "") => Replies.Envelope(
        $"<soapenv:Fault><faultcode>{code}</faultcode><faultstring>{text}</faultstring>{detail}</soapenv:Fault>");

    [Theory]
    [InlineData("soap:Client", typeof(SupplierRejectedException))]
    [InlineData("soap:Server", typeof(SupplierTransientException))]
    [InlineData("Receiver", typeof(SupplierTransientException))]
    public async Task AFaultIsMappedByItsFaultCode(string code, Type expected)
    {
        var error = await Assert.ThrowsAnyAsync<SupplierAdapterException>(() => Replies.RootAsync(Fault(code, "boom"), GetProduct));
        Assert.IsType(expected, error);
        Assert.Contains("SOAP Fault", error.Message);
    }

    [Fact]
    public async Task AFaultWhoseDetailCarriesACredentialCodeIsAnAuthError()
    {
        var error = await Assert.ThrowsAsync<SupplierAuthException>(() =>
            Replies.RootAsync(Fault("soap:Client", "denied", "<detail><err><code>110</code></err></detail>"), GetProduct));
        Assert.Equal("110", error.Code);
    }

    [Theory]
    [InlineData("<html><body>Login</body></html>", "not a SOAP envelope")]
    [InlineData("""<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"/>""", "no SOAP Body")]
    [InlineData("""<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>""", "empty SOAP Body")]
    public async Task WhatIsNotASoapReplyIsRejectedClearly(string xml, string problem)
    {
        var error = await Assert.ThrowsAsync<SupplierRejectedException>(() => Replies.RootAsync(xml, GetProduct));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public async Task TheWrongResponseElementIsRejected()
    {
        var error = await Assert.ThrowsAsync<SupplierRejectedException>(() =>
            Replies.RootAsync(Replies.Response(Replies.Pd, "GetProductCloseOutResponse", ""), GetProduct));
        Assert.Contains("expected GetProductResponse, got GetProductCloseOutResponse", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, typeof(SupplierTransientException))]
    [InlineData(HttpStatusCode.BadGateway, typeof(SupplierTransientException))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(SupplierTransientException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(SupplierTransientException))]
    [InlineData(HttpStatusCode.RequestTimeout, typeof(SupplierTransientException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(SupplierAuthException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(SupplierAuthException))]
    [InlineData(HttpStatusCode.NotFound, typeof(SupplierRejectedException))]
    public void StatusesWithoutAFaultMapByClass(HttpStatusCode status, Type expected)
    {
        var error = PsErrors.FromStatus("getProduct", status);
        Assert.IsType(expected, error);
        Assert.Equal($"http_{(int)status}", error.Code);
    }

    [Theory]
    [InlineData("100", typeof(SupplierAuthException))]
    [InlineData("104", typeof(SupplierAuthException))]
    [InlineData("105", typeof(SupplierAuthException))]
    [InlineData("110", typeof(SupplierAuthException))]
    [InlineData("115", typeof(SupplierRejectedException))]
    [InlineData("130", typeof(SupplierRejectedException))]
    [InlineData("400", typeof(SupplierRejectedException))]
    [InlineData("600", typeof(SupplierRejectedException))]
    public void MessageCodesMapToAuthOrRejected(string code, Type expected)
    {
        var error = PsErrors.FromMessages("getProduct", [new PsMessage(code, "text", "Error")], Replies.Account);
        Assert.IsType(expected, error);
        Assert.Equal(code, error!.Code);
    }

    [Fact]
    public void AnAuthCodeWinsOverOtherErrorsAndWarningsAreNoErrors()
    {
        Assert.Null(PsErrors.FromMessages("x", [new PsMessage("200", "note", "Warning")], Replies.Account));
        var error = PsErrors.FromMessages("x", [new PsMessage("999", "general", null), new PsMessage("105", "failed", "Error")], Replies.Account);
        Assert.IsType<SupplierAuthException>(error);
    }

    [Fact]
    public void SupplierTextNeverCarriesThePasswordAndIsCutTo256Characters()
    {
        var error = PsErrors.FromMessages("getProduct", [new PsMessage("105", "password s3cret is wrong " + new string('x', 400), "Error")], Replies.Account)!;
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300);
    }
}
