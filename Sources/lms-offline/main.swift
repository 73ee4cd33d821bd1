import Foundation

exit(LMSOffline.run(Array(CommandLine.arguments.dropFirst())))
