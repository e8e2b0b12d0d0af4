namespace Swarm.Simulation.Generators;

/// <summary>How a model's field goes into its checkpoint.</summary>
internal enum FieldKind
{
    /// <summary>Not written: the constructor sets it again from the parameters and seed.</summary>
    Skip,

    /// <summary>A component that writes and restores itself in place.</summary>
    Component,

    /// <summary>A mutable unmanaged value.</summary>
    Value,

    /// <summary>A mutable string.</summary>
    Text,

    /// <summary>A readonly array of unmanaged values: contents written, restored in place.</summary>
    FixedArray,

    /// <summary>A mutable array of unmanaged values: written and replaced whole.</summary>
    Array,

    /// <summary>State a checkpoint cannot hold: a compile-time error.</summary>
    Unsupported,
}
