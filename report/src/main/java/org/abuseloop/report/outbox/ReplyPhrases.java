package org.abuseloop.report.outbox;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The words abuse desks answer in, per language: that they acted (and the negations that undo it), a
 * ticket system's receipt, "this address is not ours", and "send us more information". English,
 * German, French, Spanish, Portuguese, Italian, Dutch, Russian, Polish, Chinese and Japanese. Every phrase
 * is kept in the {@link #fold folded} form the mail's text is compared in. Immutable and thread-safe.
 *
 * <p>Written by hand: no library knows what abuse desks write; the phrases are the common wordings of
 * their answers and auto-replies.
 */
final class ReplyPhrases {

  /** One language's phrases. Immutable. */
  record Language(String code, List<String> acted, List<String> notActed, List<String> receipt,
      List<String> notOurs, List<String> moreInfo) {

    Language {
      acted = folded(acted);
      notActed = folded(notActed);
      receipt = folded(receipt);
      notOurs = folded(notOurs);
      moreInfo = folded(moreInfo);
    }
  }

  // Before ALL: building the languages folds their phrases.
  private static final Pattern MARKS = Pattern.compile("[\\u0300-\\u036f]");

  static final List<Language> ALL = List.of(
      new Language("en",
          List.of("resolved", "terminated", "suspended", "taken action", "action has been taken", "have taken action",
              "has been taken down", "have been taken down", "shut down", "has been disabled", "has been removed",
              "have removed", "has been mitigated", "null-routed", "nullrouted", "blocked the customer", "stopped the"),
          List.of("not resolved", "unresolved", "once resolved", "until resolved", "not been resolved",
              "not terminated", "not suspended", "will be resolved", "will be terminated", "will be suspended"),
          List.of("received your", "has been received", "have received", "automated", "automatic", "do not reply",
              "ticket has been created", "ticket was created", "reference number", "ticket number", "case number"),
          List.of("not our network", "not in our network", "not part of our network", "does not belong to us",
              "doesn't belong to us", "not belong to our", "not our ip", "not our customer", "is not ours",
              "not within our", "not managed by us"),
          List.of("more information", "additional information", "further information", "more details",
              "full logs", "log excerpts", "complete logs", "please provide")),
      new Language("de",
          List.of("gesperrt", "gekündigt", "abgeschaltet", "deaktiviert", "behoben", "gelöst", "maßnahmen ergriffen",
              "maßnahmen eingeleitet", "vom netz genommen", "wurde gestoppt", "wurde entfernt"),
          List.of("nicht gesperrt", "nicht behoben", "nicht gelöst", "wird gesperrt", "nicht deaktiviert"),
          List.of("ihre nachricht ist eingegangen", "eingang ihrer", "haben ihre meldung erhalten",
              "ihre meldung wurde", "ihre anfrage wurde", "ticketnummer", "vorgangsnummer", "automatisch",
              "bitte antworten sie nicht"),
          List.of("nicht unser netz", "nicht in unserem netz", "gehört nicht zu unserem", "nicht zuständig",
              "nicht unsere ip", "keine ip-adresse von uns"),
          List.of("weitere informationen", "mehr informationen", "benötigen weitere", "benötigen mehr",
              "vollständige logs", "logauszüge", "log-auszüge")),
      new Language("fr",
          List.of("a été résolu", "est résolu", "avons résolu", "problème résolu", "suspendu", "résilié", "bloqué", "supprimé", "désactivé", "mesures ont été prises",
              "avons pris les mesures", "avons pris des mesures", "a été coupé", "a été arrêté"),
          List.of("non résolu", "pas été résolu", "pas encore résolu", "pas résolu", "pas suspendu", "pas été suspendu", "sera suspendu",
              "sera résolu", "une fois résolu"),
          List.of("nous avons bien reçu", "accusé de réception", "a bien été reçu", "a bien été reçue",
              "message automatique", "réponse automatique", "ne pas répondre", "numéro de ticket",
              "ticket a été créé"),
          List.of("n'appartient pas", "ne fait pas partie de notre réseau", "pas notre réseau", "ne relève pas"),
          List.of("informations supplémentaires", "plus d'informations", "merci de nous fournir",
              "pourriez-vous nous fournir", "extraits de journaux", "logs complets")),
      new Language("es",
          List.of("resuelto", "suspendido", "suspendida", "bloqueado", "bloqueada", "hemos tomado medidas",
              "se han tomado medidas", "dado de baja", "desactivado", "eliminado"),
          List.of("no resuelto", "no ha sido resuelto", "no se ha resuelto", "sin resolver", "no ha sido suspendido", "será suspendido",
              "una vez resuelto"),
          List.of("hemos recibido", "ha sido recibido", "ha sido recibida", "acuse de recibo", "mensaje automático",
              "respuesta automática", "no responda", "número de ticket", "número de caso"),
          List.of("no pertenece a nuestra red", "no es de nuestra red", "no forma parte de nuestra red",
              "no pertenece a"),
          List.of("más información", "información adicional", "registros completos", "logs completos")),
      new Language("pt",
          List.of("resolvido", "suspenso", "suspensa", "bloqueado", "bloqueada", "desativado", "removido",
              "tomamos as medidas", "medidas foram tomadas", "providências foram tomadas"),
          List.of("não resolvido", "não foi resolvido", "será suspenso", "assim que resolvido"),
          List.of("recebemos sua", "recebemos a sua", "foi recebida", "foi recebido", "mensagem automática",
              "resposta automática", "não responda", "número do chamado", "protocolo de atendimento"),
          List.of("não pertence à nossa rede", "não pertence a nossa rede", "não faz parte da nossa rede",
              "não é da nossa rede"),
          List.of("mais informações", "informações adicionais", "logs completos", "precisamos de")),
      new Language("it",
          List.of("risolto", "sospeso", "sospesa", "bloccato", "bloccata", "disattivato", "rimosso",
              "abbiamo preso provvedimenti", "provvedimenti sono stati presi", "abbiamo intrapreso"),
          List.of("non risolto", "non è stato risolto", "non ancora risolto", "sarà sospeso", "una volta risolto"),
          List.of("abbiamo ricevuto", "è stata ricevuta", "messaggio automatico", "risposta automatica",
              "non rispondere", "numero di ticket", "numero della pratica"),
          List.of("non appartiene alla nostra rete", "non fa parte della nostra rete", "non è nella nostra rete"),
          List.of("ulteriori informazioni", "maggiori informazioni", "più informazioni", "log completi")),
      new Language("nl",
          List.of("opgelost", "opgeschort", "geblokkeerd", "afgesloten", "verwijderd", "uitgeschakeld",
              "maatregelen genomen", "actie ondernomen", "offline gehaald"),
          List.of("niet opgelost", "nog niet opgelost", "wordt opgelost", "zodra opgelost", "niet geblokkeerd"),
          List.of("uw melding is ontvangen", "uw bericht is ontvangen", "hebben uw melding ontvangen",
              "automatisch bericht", "automatisch antwoord", "niet beantwoorden", "ticketnummer", "meldingsnummer"),
          List.of("niet van ons netwerk", "valt niet onder ons", "behoort niet tot ons netwerk",
              "geen onderdeel van ons netwerk"),
          List.of("meer informatie", "aanvullende informatie", "volledige logs", "logregels")),
      new Language("ru",
          List.of("заблокирован", "приостановлен", "был отключен", "была отключена", "сервер отключен",
              "был устранен", "была устранена", "проблема устранена", "нарушение устранено", "проблема решена",
              "меры приняты", "приняли меры", "приняты меры", "был удален", "была удалена", "договор расторгнут"),
          List.of("не заблокирован", "не был устранен", "не была устранена", "не решена", "не решен",
              "будет заблокирован",
              "не приостановлен", "не отключен"),
          List.of("обращение зарегистрировано", "обращение принято", "мы получили ваше", "получили ваше сообщение",
              "автоматическое сообщение", "автоматический ответ", "не отвечайте", "номер заявки",
              "номер обращения", "номер тикета"),
          List.of("не принадлежит нашей сети", "не относится к нашей сети", "не наш адрес", "не принадлежит нам",
              "не является нашим"),
          List.of("дополнительную информацию", "дополнительная информация", "больше информации", "предоставьте логи",
              "полные логи")),
      new Language("pl",
          List.of("zablokowan", "zawieszon", "został rozwiązany", "została rozwiązana", "zostało rozwiązane",
              "rozwiązaliśmy", "usunięt", "wyłączon", "podjęliśmy działania",
              "podjęto działania", "usługa została wypowiedziana"),
          List.of("nie został rozwiązany", "nie została rozwiązana", "nierozwiązan", "nie został zablokowany",
              "nie została zablokowana", "zostanie zablokowan", "zostanie zawieszon"),
          List.of("otrzymaliśmy", "zgłoszenie zostało przyjęte", "zgłoszenie zostało zarejestrowane",
              "wiadomość automatyczna", "automatyczna odpowiedź", "nie odpowiadaj", "numer zgłoszenia"),
          List.of("nie należy do naszej sieci", "nie jest częścią naszej sieci", "spoza naszej sieci"),
          List.of("więcej informacji", "dodatkowych informacji", "dodatkowe informacje", "pełne logi")),
      new Language("zh",
          List.of("已处理", "已解决", "已封禁", "已停用", "已暂停", "已关停", "已关闭", "已下线", "已采取措施", "已處理",
              "已解決", "已停權"),
          List.of("是否已处理", "尚未处理", "尚未解决"),
          List.of("已收到", "自动回复", "系统自动发送", "请勿回复", "工单号", "工單", "請勿回覆"),
          List.of("不属于我们", "不是我们的", "非本公司", "不屬於我們"),
          List.of("更多信息", "补充信息", "更多資訊", "请提供", "完整日志")),
      new Language("ja",
          List.of("対応しました", "対処しました", "停止しました", "解決しました", "解約しました",
              "措置を講じました", "遮断しました", "削除しました"),
          List.of("対応していない", "停止していません", "まだ対応"),
          List.of("受け付けました", "受付いたしました", "受領しました", "自動返信", "自動送信", "返信しないで",
              "このメールは自動", "受付番号", "チケット番号"),
          List.of("管理外", "弊社のネットワークではありません", "当社のネットワークではありません"),
          List.of("詳細な情報", "追加の情報", "ログをご提供", "ログの提供", "詳細をお知らせ")));

  // Subjects of ticket systems: "[Ticket#12345]", "Case 0123456", "Vorgang 4711-2026", "Обращение №12345",
  // "工单号：20260301001", "受付番号 123456", "#AB-2024-1234".
  static final Pattern TICKET = Pattern.compile("(?iu)(ticket|case|incident|tracking|request|vorgang|anfrage|fall"
      + "|dossier|caso|expediente|chamado|protocolo|pratica|melding|zgłoszenie|обращение|заявка|工单|工單|案件|受付)"
      + "\\s*(id|no\\.?|nr\\.?|number|nummer|numéro|número|numero|номер|番号|号)?\\s*[:#：№]?\\s*[A-Z0-9-]*\\d{3,}"
      + "|#\\s?[A-Z]*-?\\d{4,}");

  private ReplyPhrases() {}

  /**
   * Text as phrases are compared: lower case, accents of Latin and Cyrillic letters dropped (a desk that
   * writes "resolu" or "gelost" for lack of a keyboard still counts), runs of white space one space.
   */
  static String fold(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String bare = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    return bare.replaceAll("\\s+", " ");
  }

  private static List<String> folded(List<String> phrases) {
    return phrases.stream().map(ReplyPhrases::fold).toList();
  }

  static Stream<Language> languages() {
    return ALL.stream();
  }
}
