namespace Swarm.Infra.Tests;

/// <summary>A <c>resource</c> declaration.</summary>
/// <param name="Symbol">The resource's symbolic name.</param>
/// <param name="Type">The resource type, e.g. <c>Microsoft.Storage/storageAccounts</c>.</param>
/// <param name="ApiVersion">The API version after the <c>@</c>.</param>
/// <param name="IsExisting">Whether it is an <c>existing</c> reference rather than a deployed resource.</param>
/// <param name="Body">The resource's object body.</param>
/// <param name="CommentAbove">The <c>//</c> comment lines directly above the declaration, joined.</param>
/// <param name="Line">The 1-based line of the declaration.</param>
internal sealed record BicepResource(string Symbol, string Type, string ApiVersion, bool IsExisting, BicepValue Body, string CommentAbove, int Line)
{
    /// <summary>The <c>properties</c> object, if any.</summary>
    public BicepValue? Properties => Body.Get("properties");
}
