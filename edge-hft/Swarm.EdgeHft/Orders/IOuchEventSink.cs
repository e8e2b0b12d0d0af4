namespace Swarm.EdgeHft.Orders;

/// <summary>Receives the exchange's answers decoded from the gateway session.</summary>
public interface IOuchEventSink
{
    /// <summary>One accepted / executed / canceled / replaced / rejected / system event message.</summary>
    void OnOuchEvent(in OuchEvent e);
}
