using System;
using System.IO;
using System.Reflection;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Loader
{
    /// <summary>Reads an application set's .pe files off I:\, loads them with Assembly.Load and finds the application's Main.</summary>
    /// <remarks>
    /// The runtime keeps each loaded array (it runs the assembly from it), so a set costs its size in managed heap for as
    /// long as the application runs. Files load in record order, which is the manifest's: dependencies first, because
    /// each Assembly.Load resolves the new assembly's references against what is loaded already.
    /// </remarks>
    public static class AppSetStarter
    {
        /// <summary>The type whose static <see cref="EntryMethod"/> starts the application (the board app's Program).</summary>
        public const string EntryType = "NordicIoT.Device.App.Program";

        /// <summary>The entry method: public, static, no parameters.</summary>
        public const string EntryMethod = "Main";

        /// <summary>Every file of the set, read whole; throws an IOException naming the first one missing or of the wrong size (nothing is loaded then).</summary>
        public static byte[][] Read(IFileStorage storage, BootDecision decision)
        {
            AppSetRecord record = decision.Record;
            if (record == null)
            {
                throw new IOException("slot " + decision.Slot + " holds no application set");
            }

            var images = new byte[record.Sizes.Length][];
            for (int i = 0; i < images.Length; i++)
            {
                string name = AppSetNames.File(decision.Slot, i);
                int size = (int)record.Sizes[i];
                if (!storage.Exists(name) || storage.Length(name) != size)
                {
                    throw new IOException(record.Names[i] + " (" + name + ") is missing or not " + size.ToString() + " bytes");
                }

                images[i] = new byte[size];
                if (storage.Read(name, 0, images[i], 0, size) != size)
                {
                    throw new IOException(record.Names[i] + " (" + name + ") could not be read whole");
                }
            }

            return images;
        }

        /// <summary>Loads <paramref name="images"/> in order and returns the entry point; throws when an image is not a valid assembly or none has the entry point.</summary>
        public static MethodInfo Load(BootDecision decision, byte[][] images)
        {
            var assemblies = new Assembly[images.Length];
            for (int i = 0; i < images.Length; i++)
            {
                // Load returns null when the image fails the runtime's header and checksum checks.
                assemblies[i] = Assembly.Load(images[i]);
                if (assemblies[i] == null)
                {
                    throw new IOException(decision.Record.Names[i] + " is not a valid nanoFramework assembly");
                }
            }

            for (int i = assemblies.Length - 1; i >= 0; i--)
            {
                Type type = assemblies[i].GetType(EntryType);
                MethodInfo main = type == null ? null : type.GetMethod(EntryMethod);
                if (main != null)
                {
                    return main;
                }
            }

            throw new IOException("no assembly of version " + decision.Record.Version + " has " + EntryType + "." + EntryMethod + "()");
        }
    }
}
