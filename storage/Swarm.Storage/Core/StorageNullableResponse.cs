using Azure;

namespace Swarm.Storage.Core;

/// <summary>The answer of an <c>…IfExists</c> call: a value, or none when the resource was absent.</summary>
internal sealed class StorageNullableResponse<T>(T? value, Response response) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T? Value => value;

    public override Response GetRawResponse() => response;
}
