using Grpc.Core;
using Grpc.Core.Interceptors;
using Swarm.Durable.Embedded;

namespace Swarm.Durable.TaskHub;

/// <summary>
/// Answers a client call that failed on a fault of the machine (disk full, I/O error, file busy) with gRPC
/// <see cref="StatusCode.Unavailable"/>, so the client can tell "try again later" from a bug; any other failure
/// keeps gRPC's own answer.
/// </summary>
internal sealed class EnvironmentFaultInterceptor : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException && EnvironmentFault.Is(e))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The task hub's store cannot write now (disk full, I/O error or busy); try again later."));
        }
    }
}
