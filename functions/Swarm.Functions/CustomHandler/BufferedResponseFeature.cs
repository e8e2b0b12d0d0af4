using Microsoft.AspNetCore.Http.Features;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// The response side of an HTTP trigger run in-process: status and headers kept here, <c>OnStarting</c>/<c>OnCompleted</c>
/// callbacks recorded and run by <see cref="StartAsync"/>/<see cref="CompleteAsync"/> once the pipeline has returned,
/// so headers that middleware adds when the response starts (security headers) reach <c>Outputs.res</c>.
/// </summary>
internal sealed class BufferedResponseFeature : IHttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public Stream Body { get; set; } = Stream.Null;

    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

    public async Task StartAsync()
    {
        if (HasStarted)
        {
            return;
        }

        // Kestrel runs them last-registered first; middleware registered outermost expects to run last.
        for (var i = _starting.Count - 1; i >= 0; i--)
        {
            await _starting[i].Callback(_starting[i].State).ConfigureAwait(false);
        }

        HasStarted = true;
    }

    public async Task CompleteAsync()
    {
        for (var i = _completed.Count - 1; i >= 0; i--)
        {
            await _completed[i].Callback(_completed[i].State).ConfigureAwait(false);
        }
    }
}
