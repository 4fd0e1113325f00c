using System;

namespace NordicIoT.Device.App.Boards
{
    /// <summary>The boards the app knows, found by profile id.</summary>
    public static class BoardCatalog
    {
        /// <summary>The board assumed when I:\device.json names none.</summary>
        public const string DefaultId = Esp32DevKitC.ProfileId;

        /// <summary>A new instance of every known board.</summary>
        public static BoardProfile[] All()
        {
            return new BoardProfile[] { new Esp32DevKitC(), new Esp32S3DevKitC(), new LilygoTSim7080GS3() };
        }

        /// <summary>The board with profile id <paramref name="id"/>; throws an ArgumentException listing the known ids when there is none.</summary>
        public static BoardProfile Find(string id)
        {
            BoardProfile[] boards = All();
            string known = string.Empty;
            foreach (BoardProfile board in boards)
            {
                if (board.Id == id)
                {
                    return board;
                }

                known += (known.Length == 0 ? string.Empty : ", ") + board.Id;
            }

            throw new ArgumentException("unknown board \"" + id + "\"; this app knows " + known);
        }
    }
}
