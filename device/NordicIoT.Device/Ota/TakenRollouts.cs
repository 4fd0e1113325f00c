using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Ota
{
    /// <summary>The rollouts this device started (downloaded for), kept on storage so it never takes one twice, not even after a reboot or a rollback.</summary>
    /// <remarks>The newest <see cref="Capacity"/> ids are kept, one per line in <see cref="FileName"/>; rollout ids only grow, so older ones are not offered again.</remarks>
    public sealed class TakenRollouts
    {
        /// <summary>The file on storage.</summary>
        public const string FileName = AppSetNames.Prefix + "taken";

        /// <summary>Ids remembered.</summary>
        public const int Capacity = 32;

        private readonly IFileStorage _storage;
        private readonly long[] _ids = new long[Capacity];
        private int _count;

        /// <summary>Keeps the list in <paramref name="storage"/>.</summary>
        public TakenRollouts(IFileStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Reads the list from storage (an unreadable line is skipped: at worst an old rollout is offered again and refused for its version).</summary>
        public void Load()
        {
            _count = 0;
            string[] lines = TextFile.ReadLines(_storage, FileName);
            if (lines == null)
            {
                return;
            }

            for (int i = 0; i < lines.Length && _count < Capacity; i++)
            {
                long id = TextFile.ParseCount(lines[i]);
                if (id >= 0)
                {
                    _ids[_count++] = id;
                }
            }
        }

        /// <summary>True when rollout <paramref name="id"/> was taken before.</summary>
        public bool Contains(long id)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records rollout <paramref name="id"/> as taken, on storage before it returns.</summary>
        public void Add(long id)
        {
            if (Contains(id))
            {
                return;
            }

            if (_count == Capacity)
            {
                for (int i = 1; i < Capacity; i++)
                {
                    _ids[i - 1] = _ids[i];
                }

                _count--;
            }

            _ids[_count++] = id;
            var lines = new string[_count];
            for (int i = 0; i < _count; i++)
            {
                lines[i] = _ids[i].ToString();
            }

            TextFile.WriteLines(_storage, FileName, lines);
        }
    }
}
