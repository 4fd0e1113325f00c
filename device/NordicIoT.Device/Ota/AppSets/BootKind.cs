namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>Why the loader starts the set it starts.</summary>
    public enum BootKind
    {
        /// <summary>The confirmed set (or slot a's, before any update).</summary>
        Current,

        /// <summary>A newly installed set, once; it must confirm its health before its deadline.</summary>
        Trial,

        /// <summary>The confirmed set again, because the trial before did not confirm; a <see cref="RollbackNotice"/> says why.</summary>
        RolledBack,

        /// <summary>The other slot's set, because the confirmed one could not be started; it is the confirmed one from now on.</summary>
        Fallback,
    }
}
