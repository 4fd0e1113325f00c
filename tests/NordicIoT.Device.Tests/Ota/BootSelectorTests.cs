using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Tests.Fakes;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>The loader's choice from the markers on storage, including power cuts at every write of an install, a trial and a confirmation.</summary>
public sealed class BootSelectorTests
{
    private readonly FlashFake _flash = new();

    [Fact]
    public void With_no_markers_slot_a_starts_and_nothing_is_written()
    {
        BootDecision decision = BootSelector.Choose(_flash);

        Assert.Equal((AppSetNames.SlotA, BootKind.Current), (decision.Slot, decision.Kind));
        Assert.Null(decision.Record);
        Assert.Empty(_flash.List());
    }

    [Fact]
    public void A_next_set_is_started_once_on_trial_and_becomes_current_when_confirmed()
    {
        Install(AppSetNames.SlotB, "2.0.0", 7);

        BootDecision trial = BootSelector.Choose(_flash);
        Assert.Equal((AppSetNames.SlotB, BootKind.Trial, "2.0.0"), (trial.Slot, trial.Kind, trial.Record!.Version));
        Assert.Equal(7, trial.Trial!.RolloutId);
        Assert.True(_flash.Exists(AppSetNames.Trial));

        BootSelector.Confirm(_flash, trial.Trial);
        BootDecision after = BootSelector.Choose(_flash);

        Assert.Equal((AppSetNames.SlotB, BootKind.Current), (after.Slot, after.Kind));
        Assert.Equal(["ota-b-0", "ota-b.set", "ota-current"], _flash.List().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_trial_not_confirmed_by_the_next_boot_is_rolled_back_with_a_notice()
    {
        Install(AppSetNames.SlotB, "2.0.0", 7);
        BootSelector.Choose(_flash);

        BootDecision decision = BootSelector.Choose(_flash);

        Assert.Equal((AppSetNames.SlotA, BootKind.RolledBack), (decision.Slot, decision.Kind));
        RollbackNotice notice = RollbackNotice.Read(_flash)!;
        Assert.Equal((7L, "version 2.0.0 did not confirm its health; rolled back"), (notice.RolloutId, notice.Reason));
        Assert.False(_flash.Exists(AppSetNames.Next));
        Assert.False(_flash.Exists(AppSetNames.Trial));
        Assert.Equal(BootKind.Current, BootSelector.Choose(_flash).Kind);
    }

    [Fact]
    public void The_application_s_own_rollback_reason_is_kept()
    {
        Install(AppSetNames.SlotB, "2.0.0", 7);
        BootSelector.Choose(_flash);
        new RollbackNotice(7, "no connection to the broker").Write(_flash);

        BootSelector.Choose(_flash);

        Assert.Equal("no connection to the broker", RollbackNotice.Read(_flash)!.Reason);
    }

    [Fact]
    public void A_trial_that_cannot_be_loaded_is_rolled_back_at_once_and_a_current_set_that_cannot_hands_over_to_the_other_slot()
    {
        Install(AppSetNames.SlotB, "2.0.0", 7);
        BootDecision trial = BootSelector.Choose(_flash);

        BootDecision back = BootSelector.LoadFailed(_flash, trial, "bad image")!;
        Assert.Equal((AppSetNames.SlotA, BootKind.RolledBack), (back.Slot, back.Kind));
        Assert.Equal("version 2.0.0 could not be started: bad image", RollbackNotice.Read(_flash)!.Reason);

        BootDecision fallback = BootSelector.LoadFailed(_flash, back, "slot a is empty")!;
        Assert.Equal((AppSetNames.SlotB, BootKind.Fallback), (fallback.Slot, fallback.Kind));
        Assert.Equal(AppSetNames.SlotB, BootSelector.CurrentSlot(_flash));
        Assert.Null(BootSelector.LoadFailed(_flash, fallback, "also broken"));
    }

    [Fact]
    public void The_running_version_is_the_started_set_s_through_trial_confirmation_and_rollback_and_the_factory_one_without_a_record()
    {
        Assert.Equal("0.1.0", AppSetRecord.RunningVersion(_flash, "0.1.0"));
        new AppSetRecord("1.0.0", ["app.pe"], [3]).Write(_flash, AppSetNames.SlotA);
        Assert.Equal("1.0.0", AppSetRecord.RunningVersion(_flash, "0.1.0"));

        Install(AppSetNames.SlotB, "2.0.0", 7);
        Assert.Equal("1.0.0", AppSetRecord.RunningVersion(_flash, "0.1.0")); // installed, not started yet
        BootDecision trial = BootSelector.Choose(_flash);
        Assert.Equal(AppSetNames.SlotB, BootSelector.RunningSlot(_flash));
        Assert.Equal("2.0.0", AppSetRecord.RunningVersion(_flash, "0.1.0"));

        BootSelector.Confirm(_flash, trial.Trial!);
        Assert.Equal("2.0.0", AppSetRecord.RunningVersion(_flash, "0.1.0"));

        Install(AppSetNames.SlotA, "3.0.0", 8);
        BootSelector.Choose(_flash);
        Assert.Equal("3.0.0", AppSetRecord.RunningVersion(_flash, "0.1.0"));
        BootSelector.Choose(_flash); // not confirmed: rolled back to b
        Assert.Equal("2.0.0", AppSetRecord.RunningVersion(_flash, "0.1.0"));
    }

    [Theory]
    [InlineData("c\n1\n2.0.0\n300\n")]
    [InlineData("b\nseven\n2.0.0\n300\n")]
    [InlineData("b\n1\n2.0.0\n")]
    [InlineData("a\n1\n2.0.0\n300\n")]
    public void A_next_marker_that_is_unreadable_or_names_the_current_slot_is_dropped(string marker)
    {
        Install(AppSetNames.SlotB, "2.0.0", 1);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(marker);
        _flash.Replace(AppSetNames.Next, bytes, 0, bytes.Length);

        BootDecision decision = BootSelector.Choose(_flash);

        Assert.Equal((AppSetNames.SlotA, BootKind.Current), (decision.Slot, decision.Kind));
        Assert.False(_flash.Exists(AppSetNames.Next));
    }

    [Fact]
    public void A_next_marker_without_a_set_record_is_dropped()
    {
        new InstallMarker(AppSetNames.SlotB, 1, "2.0.0", 300).Write(_flash, AppSetNames.Next);

        Assert.Equal(BootKind.Current, BootSelector.Choose(_flash).Kind);
        Assert.False(_flash.Exists(AppSetNames.Next));
    }

    [Fact]
    public void A_power_cut_at_any_write_of_install_trial_and_confirmation_leaves_the_old_set_or_the_new_one_never_neither()
    {
        // How many writes the whole sequence takes without a cut.
        var clean = new FlashFake();
        Assert.True(Sequence(clean));
        long writes = clean.Writes;
        Assert.Equal(7, writes);

        for (long cut = 1; cut <= writes; cut++)
        {
            for (int seed = 0; seed < 5; seed++)
            {
                var flash = new FlashFake();
                flash.CutPowerAtWrite(cut, new Random(seed));
                bool confirmed = false;
                try
                {
                    confirmed = Sequence(flash);
                }
                catch (PowerLossException)
                {
                    flash.Reboot();
                }

                // After the cut the loader runs again, and a new set on trial confirms (it is healthy).
                BootDecision decision = BootSelector.Choose(flash);
                if (decision.Kind == BootKind.Trial)
                {
                    BootSelector.Confirm(flash, decision.Trial!);
                    decision = BootSelector.Choose(flash);
                }

                string where = $"cut at write {cut} (seed {seed}): {flash.LastCut}";
                Assert.True(decision.Kind is BootKind.Current or BootKind.RolledBack, where);
                Assert.False(flash.Exists(AppSetNames.Trial), where);
                Assert.False(flash.Exists(AppSetNames.Next), where);
                if (decision.Slot == AppSetNames.SlotB)
                {
                    Assert.True(decision.Record!.FilesPresent(flash, AppSetNames.SlotB), where);
                }
                else
                {
                    Assert.Equal(AppSetNames.SlotA, decision.Slot);
                    Assert.False(confirmed, where);
                }
            }
        }
    }

    // Stage and install b, boot it on trial, confirm it, boot again; true when it ended on b.
    private static bool Sequence(FlashFake flash)
    {
        flash.Replace(AppSetNames.File(AppSetNames.SlotB, 0), [1, 2, 3], 0, 3);
        new AppSetRecord("2.0.0", ["app.pe"], [3]).Write(flash, AppSetNames.SlotB);
        new InstallMarker(AppSetNames.SlotB, 9, "2.0.0", 300).Write(flash, AppSetNames.Next);
        BootDecision trial = BootSelector.Choose(flash);
        BootSelector.Confirm(flash, trial.Trial!);
        return BootSelector.Choose(flash).Slot == AppSetNames.SlotB;
    }

    private void Install(string slot, string version, long rollout)
    {
        new AppSetRecord(version, ["app.pe"], [3]).Write(_flash, slot);
        _flash.Replace(AppSetNames.File(slot, 0), [1, 2, 3], 0, 3);
        new InstallMarker(slot, rollout, version, 300).Write(_flash, AppSetNames.Next);
    }
}
