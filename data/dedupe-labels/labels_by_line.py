# My reading of the candidate pairs listed by candidates.js (line number in
# its output -> label, note). See docs/deduplication.md for the criteria.
# Generates paca_pairs.csv:  python3 labels_by_line.py /tmp/cand.tsv > paca_pairs.csv
import csv, sys
S, H, D, I, G, M, X = ("same structure, same address", "host and the service point it runs, same premises",
    "distinct structures sharing a building", "itinerant service vs fixed place or other stop",
    "different premises", "same structure, mismatched coordinates or address", "same name, different sites")
L = {
 65:(0,D),166:(1,S),230:(1,S),250:(1,S),306:(1,S),419:(1,S),427:(1,S),428:(1,S),652:(1,S),653:(0,I),
 899:(1,S),902:(1,S),1001:(1,S),1014:(1,S),1039:(1,H),1129:(1,S),1154:(1,S),1155:(1,S),1320:(1,S),
 1465:(1,S),1545:(1,S),1639:(1,S),1784:(1,H),1988:(0,D),2136:(1,S),2162:(1,S),2181:(1,S),2368:(1,S),
 2413:(1,S),2471:(1,S),2475:(1,S),2476:(1,S),2703:(1,S),2731:(0,D),2741:(1,"same address; name says Carpentras"),
 2742:(1,"same address; name says Carpentras"),2745:(1,S),2757:(1,S),2762:(1,S),2774:(1,S),2776:(1,S),
 2818:(1,S),2832:(1,S),2915:(1,S),2918:(1,S),2956:(1,S),3155:(1,"MSAP renamed France services"),
 3170:(1,S),3262:(1,S),3277:(1,S),
 304:(1,H),358:(0,G),381:(1,M),403:(1,S),421:(1,"CC seat in Maison des communes"),436:(1,S),439:(1,M),
 442:(1,M),509:(1,S),689:(1,"Maison des Alpes-Maritimes Nice centre, same building"),705:(1,S),722:(1,S),
 752:(1,S),859:(1,S),891:(1,H),904:(1,S),910:(1,S),913:(1,S),917:(0,"different street numbers, shared phone"),
 954:(0,I),955:(0,I),962:(0,G),965:(0,I),1018:(0,I),1027:(0,I),1097:(0,I),1101:(0,I),1145:(0,I),1153:(0,I),
 1042:(1,S),1131:(1,S),1160:(1,"same address, phone and e-mail"),1164:(0,G),1395:(1,S),1437:(1,S),
 1740:(0,G),1741:(0,G),2049:(0,G),2123:(0,G),2124:(0,G),2129:(0,G),2186:(1,H),2376:(0,G),2414:(1,S),
 2474:(1,S),2493:(1,S),2597:(0,I),2652:(1,H),2654:(1,S),2759:(1,H),2772:(1,M),2797:(1,M),2829:(1,S),
 2830:(0,"antenna of another commune"),3320:(0,"antenna of another commune"),2904:(0,G),2905:(0,G),
 2955:(0,G),3291:(1,H),3293:(1,S),3318:(0,G),3319:(0,G),3340:(0,G),3352:(0,G),3353:(0,G),3354:(0,G),
 3356:(0,G),3357:(0,G),3382:(0,G),
 2:(1,"dora service record of the place"),4:(1,"dora service record of the place"),
 7:(1,"dora service record of the place"),183:(1,"dora service record of the place"),2131:(1,S),
 11:(0,G),15:(1,"dora service record of the place"),27:(0,I),35:(1,"dora service record of the place"),
 38:(1,"dora service record of the place"),39:(1,"dora service record of the place"),
 42:(1,"dora service record of the place"),43:(1,"dora service record of the place"),
 45:(1,"dora service record of the place"),51:(0,G),55:(1,"dora service record of the place"),
 62:(0,D),69:(0,D),100:(1,"dora service record of the place"),1192:(0,D),1197:(0,D),1265:(1,S),
 1315:(0,G),1323:(0,D),136:(1,S),141:(1,S),152:(1,S),159:(1,S),165:(1,S),195:(1,S),281:(0,D),
 298:(0,G),300:(0,G),302:(1,S),307:(1,S),309:(1,H),405:(1,S),433:(1,S),508:(1,S),556:(0,G),596:(1,S),
 724:(1,S),725:(1,S),734:(1,S),751:(1,S),833:(1,S),754:(0,D),757:(1,S),838:(1,S),843:(1,S),835:(0,D),
 840:(0,D),893:(1,H),915:(1,H),943:(0,I),1125:(1,S),1161:(1,S),1165:(1,M),1167:(0,D),1226:(1,S),
 1233:(0,G),1250:(0,G),1339:(0,G),1388:(0,G),1440:(0,G),1515:(0,G),1521:(0,G),1562:(1,S),1565:(0,G),
 1643:(0,D),1677:(0,G),1827:(1,S),1861:(0,D),1875:(1,S),1923:(1,S),1966:(0,D),1971:(0,G),2078:(0,G),
 2081:(0,G),2084:(0,G),2150:(1,M),2163:(1,S),2318:(1,S),2339:(1,S),2346:(1,S),2380:(1,S),2386:(0,G),
 2432:(0,G),2433:(1,S),2462:(1,S),2488:(0,G),
 37:(0,G),74:(0,G),148:(0,G),185:(0,G),222:(0,G),259:(0,G),296:(0,G),333:(0,G),370:(0,G),407:(0,G),
 444:(0,G),481:(0,G),518:(0,G),555:(0,G),
}
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["id_a","id_b","source_a","source_b","nom_a","nom_b","adresse_a","adresse_b","label","note"])
for line in sorted(L):
    f = rows[line - 1].split("\t")
    w.writerow([f[0], f[1], f[2], f[3], f[13], f[14], f[15], f[16], L[line][0], L[line][1]])
