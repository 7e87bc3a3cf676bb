<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AddPupilDialog</name>
    <message>
        <source>Add a pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give an age band instead of the date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s age band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent or responsible adult&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age &amp;band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent or responsible &amp;adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the pupil&apos;s name and their parent&apos;s or responsible adult&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AskPage</name>
    <message>
        <source>What to ask the organisation to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No further contact with the other person until this is resolved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallPolicePage</name>
    <message>
        <source>Call 999 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call 999 now and say a child is in danger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then come back here: the next pages help you tell the right people. The child can talk to Childline any time on 0800 1111.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worth a look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the {title} check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close them…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the programs listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the room: pan the camera slowly round for six seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room scan result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload and download results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test sound…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the microphone and speakers: say something, hear it played back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always blur where it says “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always blur this area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the personal information is</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <source>Five minutes before the lesson, press the button. Every check your organisation&apos;s policy asks for runs at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check my setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check my setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m checks done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test &amp;sound…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the microphone and speakers: say something, hear it played back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result of the checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks could not finish: {why} Press Check my setup to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning: turn the camera slowly round the room, left to right, for six seconds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove or cover: {items}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test sound…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the speakers again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did you hear a one-second tone? If not, check the speakers or headphones and their volume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close these programs?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard will ask these programs to close. Save anything you are working on in them first.

{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some programs did not close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These did not close when asked:

{names}

Force them to close? Anything unsaved in them will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecksStep</name>
    <message>
        <source>Result of the checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed since the last check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the checks again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sound test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sound test: play a sound and say whether you heard it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To fix: {names}. Each says why the policy needs it and how to fix it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks are done: nothing stops the lesson. They keep running while you wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You didn&apos;t hear the sound test: see Speakers below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tested yet. Only you can tell whether you hear the lesson: open the sound test, play a sound and say whether you heard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed since the last check: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… Checking, this takes up to half a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: was “{before}”, now “{now}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks could not finish: {why} Press Check again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanionWindow</name>
    <message>
        <source>Lesson companion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the lesson sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: being watched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Stop camera and mic now ({keys})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panic: stop camera and microphone now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the panic button did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume camera and mic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume camera and microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End lesson…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the main LessonGuard window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep on &amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this window above the lesson platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{elapsed} of {planned}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {over} over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera and microphone are OFF for the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a plain colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Background: {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Background: not blurred — the lesson sees the room as it is</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConductStep</name>
    <message>
        <source>Code of conduct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the person agreeing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your full na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;read the code of conduct and will follow it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have read the code of conduct and will follow it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmationsBox</name>
    <message>
        <source>About this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lesson is booked: the checks run for any lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson these checks are for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I know the pupil&apos;s age:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s age in years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible adult&apos;s full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible adult&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Adult&apos;s name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am &amp;present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the adult is present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a &amp;living area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the room is a living area, not a bedroom or bathroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Type the adult&apos;s full name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed the room is a living area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Recorded: {name} {what} ({time}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Consent to record {name}&apos;s lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please read this with the person giving consent. Recording starts only after they agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is giving consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your full name to agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a signed form (optional)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a signed consent form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is agreeing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I agree to recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed consent form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans and documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed form: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the full name of the person agreeing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>Recording lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your full name to agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your full name, to agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To agree, type your full na&amp;me (leave it empty to decide later, on the Camera and microphone page):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pack} records lessons with your consent. Read what you agree to for {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent is given by typing your own name, as on the first page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateLinkDialog</name>
    <message>
        <source>Link with a family or school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link your LessonGuard with the one the pupil&apos;s family (or school) uses, once per pupil. Then what they confirm on their computer (they are in the room, consent, their checks) shows on your Ready screen, and a panic on either side reaches the other at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil to link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pupil:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a linking code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linking code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the code, to paste it in the lesson chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What LessonGuard is waiting for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the other side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the linking went</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the linking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the family or school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for &lt;b&gt;{who}&lt;/b&gt; to type it in their LessonGuard (Settings → Link with the tutor). Read it out, or copy it into the lesson chat. It works once, until {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: paste it in the lesson chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a new code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DangerPage</name>
    <message>
        <source>Is a child in immediate danger right now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes — a child is in danger now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No, not right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard has cut the camera and muted every microphone it could; the red banner says if any could not be cut. Any recording is kept as evidence.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Write down what happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;When it happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who was &amp;involved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who was involved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What &amp;happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The child&apos;s own wo&amp;rds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The child&apos;s own words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actions taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}, around {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceBar</name>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default microphone ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a video file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.avi *.mov *.webm);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Status, follow-up and the sealed report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status of this incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sealed &amp;report package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sealed report package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No follow-up tasks are set by the policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where should the sealed report be saved?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the report is saved only sealed with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Sealed report saved in {path}. Tell the passphrase to the person who receives it by phone; they open it with `lessonguard incident open`.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EffectsBar</name>
    <message>
        <source>As it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Background:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blur strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep my &amp;instrument sharp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;keep-clear area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an area on the picture that is never blurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every keep-clear and always-blur area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to the &amp;lesson platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the picture to the lesson platform as LessonGuard camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the camera: the lesson sees a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a picture for behind you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.bmp *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume camera</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndLessonDialog</name>
    <message>
        <source>End the lesson with {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ending the lesson stops any recording and saves the lesson&apos;s record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible adult&apos;s full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible adult&apos;s full &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I, the responsible adult, am &amp;here at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The responsible adult is here at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member&apos;s full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member&apos;s full na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil has gone back to &amp;class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil has gone back to class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End lesson and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the lesson and save its record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy asks the responsible adult to confirm the end: type their name and tick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm, with your name, that the pupil is back in class.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indecent images of a child: do not take a screenshot, do not copy and do not replay anything. LessonGuard has sealed the recording for the police.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a &amp;screenshot of the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a screenshot of the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Play the held recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the lesson chat here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste any chat messages from the lesson here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat text (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept on hold as evidence: {n} recording(s). {notes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was being recorded, so there is no recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Screenshot kept with the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⊘ This recording is sealed for the police and cannot be played.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording can be played on the Recordings page by the people your organisation allows.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FamilySideBox</name>
    <message>
        <source>From {peer}&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What {peer}&apos;s LessonGuard said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has said on {peer}&apos;s computer yet that they are in the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} confirmed being in the room · {time} · on {where}&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The adult left: {name} said so · {time} · on {where}&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} confirmed the lesson is in a living area · {time} · on {where}&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their checks: ready · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their checks: something to fix on their side · {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FamilyView</name>
    <message>
        <source>Whose lessons these are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is teaching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link with the tutor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link this LessonGuard with the tutor&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether you said you are with the pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ I&apos;m &amp;here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;m here with the pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;ve &amp;stepped out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;ve stepped out of the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a li&amp;ving area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the room is a living area, not a bedroom or bathroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You and the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is recorded and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Give consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give consent to record the lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw consent to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If something worries you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the lesson&apos;s record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson&apos;s record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was just done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;{pupil}&apos;s lessons&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Your lessons&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tutor} is told at once, on their computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then tell the tutor and the organisation what happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Press the red &lt;b&gt;■ Stop camera and mic now&lt;/b&gt; button at the top of this window (or Ctrl+Shift+X). Camera and microphone stop at once for the lesson. {told}&lt;/p&gt;&lt;p style=&apos;color:{muted}&apos;&gt;LessonGuard then shows who to contact and helps you write down what happened.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FamilyWiring</name>
    <message>
        <source>Your lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{tutor}&lt;/b&gt;&lt;br&gt;{how}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Linked with {peer}&apos;s LessonGuard: what you confirm here shows on their computer, and theirs here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked with the tutor&apos;s LessonGuard: what you confirm is kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tutor yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link with the tutor&apos;s LessonGuard and their lessons show here; or book a lesson on the Lessons page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lesson is booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the tutor books one, it shows here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book one on the Lessons page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on {platform}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;● The lesson is on now&lt;/b&gt;, since {since} · {minutes} minutes{where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ The lesson ended at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Next lesson: {day} at {time}&lt;/b&gt; · {minutes} minutes{where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the tutor&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>goes to {peer}&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{need} Why: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When there is a lesson, say here that you are with {pupil}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the day before the lesson, press &lt;b&gt;I&apos;m here&lt;/b&gt; when you are with {pupil} for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press &lt;b&gt;I&apos;m here&lt;/b&gt; when you are with {pupil} for the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} stepped out: press I&apos;m here when you are back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room is a living area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the pupil first (Lessons page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lessons are not recorded. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the computer the lesson runs on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every lesson is recorded, encrypted, {where}. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lesson is recorded only with consent, encrypted, {where}. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({role}), given {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent on file: {who}. You can withdraw it at any time; recording then stops at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent on file: the lesson cannot start without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent on file: nothing is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can give it: {who}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the lesson ends, its record shows here: the checks, who confirmed what and when, whether it was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Shared by {tutor}&apos;s LessonGuard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given. You can withdraw it here at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn: nothing more is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation protects the policy and the role with a PIN. Type it to save these answers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not your organisation&apos;s PIN: nothing was changed. Ask your safeguarding lead for it, or press Cancel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentWizard</name>
    <message>
        <source>Report what happened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation&apos;s safeguarding staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent or responsible adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewing as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Viewing as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status of the selected incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sealed &amp;package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up tasks: tick when done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up (tick when done)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No incidents are recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no report made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an incident first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where should the sealed package be saved?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the package is saved only sealed with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Sealed package saved in {path}. Tell the passphrase to the person who receives it by phone; they open it with `lessonguard incident open`.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinLinkDialog</name>
    <message>
        <source>Link with the tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tutor creates a code in their LessonGuard and reads it out, or puts it in the lesson chat. Type it here. Then the tutor sees on their computer when you say you are in the room, your consent, and a panic pressed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tutor&apos;s code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tutor&apos;s &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link with the tutor&apos;s LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the linking went</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code the tutor gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking with the tutor&apos;s LessonGuard…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadSection</name>
    <message>
        <source>&amp;Save the lead&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the safeguarding lead&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: the report after a panic offers this lead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonGuard</name>
    <message>
        <source>{giver} is {role}; consent to record comes from the pupil&apos;s responsible adult, the pupil or the tutor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{gate} Who must give it: {who}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name typed (&apos;{typed}&apos;) is not {name}&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent is confirmed by the person giving it typing their own name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent {id} was already withdrawn on {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who is withdrawing the consent (--by NAME).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no consent with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See `lessonguard consent list`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{giver} is a different pupil and cannot consent for {pupil}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{giver} is not registered as responsible for {pupil}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add them with `lessonguard people add --role responsible_adult --pupil {id}`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (responsible adult)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}&apos;s parent or responsible adult (none registered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (the pupil)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{need} ({basis})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil goes back to class: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy does not ask for it to be acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{adult} {back}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy has no code of conduct to acknowledge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged before each lesson: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged before the first lesson: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{need} The lesson is in a living area: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson is in a living area: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera, microphone, connection and room, as the policy asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already acknowledged before an earlier lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult must stay in the room for the whole lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson ends at {time}: be ready to see the pupil back to class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please come back for the end of the lesson: it ends at {time}. The responsible adult confirms the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged the code of conduct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed being present at the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed the lesson is in a living area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was told the lesson is recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed being present at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saw the pupil back to class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumed the lesson after LessonGuard closed unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id}: {state}, {minutes} min, {kept}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sealed for the police (incident {id}): nobody plays it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you ({role}) may play it on the Recordings page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson {id} with {pupil} (age {age}), {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson {id} with {pupil}, {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked for {booked}, {minutes} min; started {started}, ended {ended} ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked for {booked}, {minutes} min; started {started}, ended {ended}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks: {mark} {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks: not run for this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ✔ {name} ({role}) {words} at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept until {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording: none. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection {kind} at {time} for {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lesson time needs its time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lesson of {minutes} minutes cannot be right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the length in minutes, 10 to 240.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{platform}&apos; is not a lesson platform LessonGuard knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use one of: {platforms}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who confirms the lesson (their name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That lesson would already be over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pupil}&apos;s first lesson under {pack}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson {id} is {state}; only a booked lesson can be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no lesson {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See `lessonguard lesson list` for the lessons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the person&apos;s full name to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson {id} is {state} and cannot be started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson {id} is still in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End it before starting another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson {id} is not in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{day} {time}&apos; is not a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the date as YYYY-MM-DD and the time as HH:MM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{line}; {playback}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{role}&apos; is not a role LessonGuard knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use one of: {roles}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation&apos;s designated safeguarding lead must be told about every concern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation keeps the recordings and acts on the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The child&apos;s parent or carer should know, unless that would put the child at risk (ask the safeguarding lead first if unsure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school&apos;s child protection officer, for a lesson taken at school.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police (emergency): 999</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A child is in immediate danger, or a crime is happening now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call 999 now and say a child is at risk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police (non-emergency): 101</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A crime to report when no one is in immediate danger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call 101, or report online to your local police force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CEOP (National Crime Agency)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online sexual abuse, grooming, or indecent images of a child.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report at www.ceop.police.uk/ceop-reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Childline: 0800 1111</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the child: free, confidential help, any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call 0800 1111 or visit www.childline.org.uk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UK Safer Internet Centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harmful content online; advice for professionals working with children.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report harmful content at reportharmfulcontent.com; Professionals Online Safety Helpline 0344 381 4772, helpline@saferinternet.org.uk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Childnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-urgent questions about keeping children safe online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact {org} by the route they gave you; this policy names no phone or email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Designated safeguarding lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The child&apos;s parent or carer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school&apos;s child protection officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported to the safeguarding lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police informed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{role}&apos; is not a reporting role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{category}&apos; is not an incident category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use one of: {categories}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no procedure step {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown incident details: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No screenshot is taken or kept for indecent images of a child.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording is sealed for the police instead; do not copy the images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evidence file {name} has been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{status}&apos; is not an incident status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use one of: {statuses}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no incident {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See `lessonguard incident list`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident records are not shown to the {role}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the organisation&apos;s safeguarding lead about an incident you reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This recording is sealed for the police (incident {id}): it cannot be played or copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is handed over only inside the incident&apos;s sealed package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the organisation&apos;s safeguarding lead if you need to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person needs a name (up to 120 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil {name} needs a date of birth or an age band: the supervision a lesson needs depends on the pupil&apos;s age.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add --dob YYYY-MM-DD or --age-band 11-12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no {what} with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See `lessonguard people list` for the ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth {value} cannot be right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an age band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which pupil is {name} responsible for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add --pupil ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sponsor must be 18 or over; {name}&apos;s age is not shown to be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give their --dob, or --adult to confirm they are 18 or over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write it as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>responsible adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>school staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult in the room for the whole lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult at the start and the end, within earshot between.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult at the start and the end, available between.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No adult needed: the pupil may be on their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording is not allowed: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first lesson must be confirmed at least {hours} hours ahead; this one was confirmed {have} hours ahead. Choose a later time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than {limit} minutes of connection trouble: {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every lesson must be recorded: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording is allowed with consent: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording needs consent from: {who}. The lesson can go on without recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy does not let the {role} play recordings back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback is only possible for {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adults need no supervision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy does not cover this age: an adult in the room throughout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection trouble for {minutes} min; the policy allows {limit} min before the lesson is stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not take a screenshot or copy of the images, and do not replay the recording: LessonGuard seals it for the police.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lesson cannot start: the policy requires recording and consent is missing from: {who}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no policy pack called &apos;{choice}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of: {packs}, or give the path to a .toml file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy pack file {file} was changed and is no longer valid ({problem}). LessonGuard keeps using the last valid version of &apos;{pack}&apos; until the file is corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the file, or choose another pack; LessonGuard will not use it as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy pack {path} is not valid (1 problem):
  {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy pack {path} is not valid ({count} problems):
  {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pack} needs an adult sponsor (18 or over) for each pupil.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the sponsor&apos;s name: usually the parent or carer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no recording {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See `lessonguard recordings list`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} was deleted on {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} was already deleted on {when}; it cannot be held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hold needs the name of the person setting it and a reason (--by NAME --reason TEXT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no hold {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold {id} was already released on {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Releasing a hold needs a name and a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recordings folder {folder} cannot be created: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any key store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log&apos;s key ({key_id}) is not in {where}, so the log cannot be proved intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this computer&apos;s keyring (or the folder {folder}) from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the head kept outside the database ({path}) is missing, so entries cut off the end could not be found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the head kept outside the database ({path}) was changed or belongs to another log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the log holds {held} entries, but {count} were recorded outside the database: entries were cut off the end, or the database was replaced with an older copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table} record {id} was deleted outside LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit log was changed outside LessonGuard ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry {id} seals the log with a new key ({key_id}) because the one before was missing: what came before cannot be proved unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the log has no key, but the head kept outside the database ({path}) says it had one: the database was replaced or rewritten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry {count} is not the one recorded outside the database: the database was replaced or rewritten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the guard {name}, which keeps the audit log append-only, was removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table} record {id} was added outside LessonGuard: no audit entry accounts for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table} record {id} was changed outside LessonGuard: its content matches no audit entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry {id} ({action}) was edited: its seal does not match LessonGuard&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the guard {name}, which keeps the audit log append-only, was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a kind of recording {pack} knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use one of: {kinds}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consent id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{doubted} {gate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent record {id} was changed outside LessonGuard, so it does not count: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT TRUSTED: the files match the manifest, but the package is signed by the key {signer}, which nobody here trusts, so anyone could have made it. If you expected it, get the sender&apos;s public key another way (they print it with `lessonguard incident public-key`) and run `{command} PACKAGE --trust-key FILE`, or have them read its fingerprint to you by phone and add --fingerprint with what they read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was added after the package was sealed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase must be at least {count} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a longer one, and tell it to the recipient by phone, not by email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is too easy to guess: it repeats or counts along (like &quot;aaaaaaaaaaaa&quot; or &quot;123456789012&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a few unrelated words, and tell them to the recipient by phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key whose fingerprint you confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a LessonGuard key fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fingerprint is 32 hexadecimal digits, e.g. 1a2b:3c4d:…; ask the sender to read it out again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package is intact and signed by {who} ({signer}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package is malformed and cannot be checked: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package is NOT intact: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT TRUSTED: the files match the manifest, but the package is not signed, so anyone could have made it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the manifest lists a file without a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the manifest lists {name!r}, which is not a file inside the package (absolute paths and &apos;..&apos; are refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{package} is not a LessonGuard package: it has no manifest.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json does not list the package&apos;s files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json does not describe its recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys.json is not listed in the manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys.json does not list any keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys.json asks for key-derivation settings LessonGuard does not use ({stated}); only scrypt with n={n}, r={r}, p={p} is accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys.json has a salt of the wrong length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys.json has no key for {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys.json has a nonce of the wrong length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This installation&apos;s signing key is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the key store from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file {path} does not hold a LessonGuard public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the PEM file the sender made with `lessonguard incident public-key`, or a file with its 64 hexadecimal digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be read: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json has no SHA-256 for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} cannot be created: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} cannot be exported ({state}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} is damaged ({problem}); it is not exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run `lessonguard recordings verify`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a symbolic link; a package holds only regular files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was changed (its SHA-256 differs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the package cannot be read: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the manifest&apos;s signer_public_key is not an Ed25519 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json does not match its signature (the manifest was changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the passphrase is wrong (or keys.json was changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a regular file (a pipe or a device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was signed by another key ({signer}), not the trusted one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details of incident {id} cannot be read: they were changed or do not belong to this incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the database from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {path} is {kind}, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give an ordinary file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {path} is too large ({size} bytes; at most {limit}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that this is the right file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {path} is too large (more than {limit} bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {value} is not a valid id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ids are whole numbers from 1 up, as the list commands show them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is too long ({length} characters; at most {limit}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} contains control characters (such as a line break or a terminal escape).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it as plain text on one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why, in a few words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit log&apos;s key was lost, so its record cannot be proved unchanged until a person confirms it again (`lessonguard consent reseal`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the consents you confirmed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See `lessonguard consent reseal` for the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was withdrawn: a withdrawn consent never comes back (ask for a new one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent {id} cannot be confirmed again: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was resealed. Record a new consent instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent {id} does not need confirming again: the audit log vouches for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was resealed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit log was also changed outside LessonGuard ({why}); confirming again covers only a lost key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent {id} was withdrawn meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person with another role uses LessonGuard on their own computer, or receives an export from the safeguarding lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard does not know who uses this computer, so it cannot say what they may see or take.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run `lessonguard setup --role ROLE --name NAME` first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No computer is set up as the organisation: its safeguarding lead receives held recordings inside the incident&apos;s package, written on the computer that holds them (`lessonguard incident export ID DIR --passphrase-file FILE`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is set up for {name} ({role}); LessonGuard acts here as {role}, not as {claimed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{how} (entered in LessonGuard&apos;s settings; {org}&apos;s policy names no phone or email)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once the lesson has stopped (LessonGuard&apos;s default: the policy does not say how).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was opened: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many opened copies of this package in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened into {folder} (only you can read it): {files}.{kept} Keep it private and delete it when it is no longer needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was opened. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this package was exported without a passphrase, so its files are already readable; `lessonguard incident verify` is all it needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json does not say which key opens which file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> {count} recording(s) checked intact; they stay encrypted in the package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file could not be read or written: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json seals {name}, which it does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json names no key for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys.json is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key for {id} in keys.json does not open with the passphrase the others open with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manifest.json opens two files as {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the passphrase is wrong. Check it with the sender (by phone, not by e-mail) and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} does not open: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inappropriate language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inappropriate behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adult images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>indecent images of a child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a disclosure of abuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sensitive information shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsolicited contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported to the safeguarding lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>police informed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no report made yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident {id}: {what}; {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>panic pressed at {time} on {day}, no report made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} contains control characters (such as a terminal escape).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it as plain text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {day} is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lesson can be booked up to {days} days ahead ({latest} at the latest).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {path} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {path} cannot be read: {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {path} is not text (UTF-8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard asks for an adult sponsor (18 or over) for each pupil; {pack}&apos;s policy does not mention sponsors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind the pupil of these expectations; tick when you have: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages sent in the lesson&apos;s chat are kept for {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phone calls or messaging during the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupils and parents must not record the lesson or take screenshots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quiet place, free from interruptions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Others on the same internet connection pause their use while the lesson runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An appropriate, non-distracting virtual background is allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings remain the property of {owner}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether lessons are recorded is decided by {who} before the first session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code of conduct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff remind pupils of the code during lessons: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If no parent or responsible adult is there, make sure the pupil is comfortable to continue; if they are not, the lesson ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If no adult is with the pupil and they are not comfortable, they can end the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your safeguarding training is up to date: no teaching once it has lapsed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If no parent or responsible adult is with the pupil, ask whether they are comfortable to continue; if not, end the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where possible, a parent or carer stays within earshot during the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lesson is booked for {booked}, not today ({today}). Starting it now records today as the day it happened, with the booked date kept beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your name and tick that you agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording consent is needed before this lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lesson is not recorded. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson cannot start yet: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The responsible adult types their name and confirms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The responsible adult confirms they are here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the lesson is in a living area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks have not finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: fix this, then check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your name and tick that you agree to the code of conduct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The responsible adult types their name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the lesson is in a living area, not a bedroom or bathroom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pack} records every lesson, and the recording could not start: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix that, then press Start lesson again. The lesson has not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no recording is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>very slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the lesson started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>midway through the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason for cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection {kind} at {time}, still going after {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{line}, {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{line}: longer than the policy allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tutor&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation protects {what} with a PIN, and {given}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your organisation&apos;s safeguarding lead for the PIN. In the window: Settings, Change…; on the command line: --pin-file FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN must be {low} to {high} characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN is already set, and {given}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the current PIN to change it (--old-pin-file FILE on the command line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its policy and the role of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PIN given is not right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no PIN was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the current PIN given is not right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the current PIN was not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Camera and microphone are OFF for the lesson. The lesson sees a privacy card and hears nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{programs} reads your webcam directly: the lesson may still see you. Leave the lesson platform now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Camera is OFF for the lesson (the lesson sees a privacy card). Muting every microphone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Camera is OFF for the lesson, but the lesson may still hear you: {names} could not be muted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a child&apos;s age band of up to three years, for example one of: {bands}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult within earshot where possible; not required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult present or available, as they judge right; not required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervision.bands.value[{index}]: ages {low} to {high} include children under {under}, who need at least &apos;{floor}&apos; (found &apos;{found}&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recording.playback_roles.value: must not include &apos;tutor&apos; (found {found}); a recording of a child is played back by the responsible adult, the pupil, school staff or the organisation, never by the tutor alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incidents.indecent_images_of_child.call_police.value: indecent images of a child always go to the police (found &apos;{found}&apos;); use &apos;always&apos;, &apos;if_criminal&apos; or &apos;if_child_in_danger&apos;, or leave it unspecified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incidents.indecent_images_of_child.preserve_recording.value: must be true (found false); the recording is always kept, sealed for the police</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incidents.disclosure_of_abuse.call_police.value: cannot be &apos;never&apos;; a child who discloses abuse may be in danger, and the police must stay on the route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incidents.disclosure_of_abuse.preserve_recording.value: must be true (found false); the recording of a disclosure is kept for the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recording.consent_from.value: a pack that lets lessons be recorded (mode &apos;{mode}&apos;) needs at least one person whose consent is asked (found []); LessonGuard never records a child with no consent on file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recording.{key}.value: at most {limit} days (found {found}); a recording of a child is not kept longer, and an incident keeps its recording through its legal hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recording.consent_from.value: must include &apos;responsible_adult&apos; (found {found}); a child is never recorded without their responsible adult&apos;s consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {count} more problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: nested too deeply: tables, arrays and the parts of dotted keys nest at most {limit} levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: too many keys, tables and array items: a pack has at most {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id: &apos;{id}&apos; is the id of LessonGuard&apos;s shipped pack &apos;{name}&apos;; give your pack an id of its own, or choose the shipped pack by its id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is LessonGuard&apos;s shipped pack &apos;{id}&apos;, and it was changed after LessonGuard was built (its SHA-256 is {found}, not {expected}); reinstall LessonGuard, or copy the pack, give it an id and a name of its own and choose the copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key}: &apos;{name}&apos; is the name of LessonGuard&apos;s shipped pack &apos;{id}&apos;; give your pack a name of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of recording {id} is missing: {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore it from a backup, if there is one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} cannot be read: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}, around {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pupil} (pupil), {tutor} (tutor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pupil} (pupil)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}, around {time}, in the lesson with {pupil} on {platform}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lesson platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard&apos;s database {path} cannot be used: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the disk has room and that you can write to the data folder, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard&apos;s database {path} is busy: another LessonGuard kept it locked for more than {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is fine. Wait for the other LessonGuard to finish, or close it, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard is not allowed to close it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it did not respond to a request to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is still running: {why}. Close it yourself, or restart the computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mbps} Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internet speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download {down}, upload {up}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move closer to the Wi-Fi router, or connect with a cable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask others on the same connection to pause downloads, games and video while the lesson runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close other programs that use the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{measured}: both fast enough (at least {mbps} Mbit/s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} What was measured so far is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program on this computer is using the connection: pause it (updates, cloud backup, downloads, streaming).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{direction} needs {mbps} Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{measured}: too slow ({needs}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{measured}: the {direction} could not be measured in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{measured}: both fast enough (at least {mbps} Mbit/s). Another program is using the connection at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{width}×{height} at {fps} frames a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera works: {res}, well lit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera stopped during the check: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera sent no pictures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is black.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is frozen: it does not change at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The light is behind you, so your face is dark ({res}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is too dark ({res}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is too bright ({res}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is slow ({res}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo camera works ({res}); no webcam is in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close other programs that may be using the camera (the lesson platform can wait until the checks are done).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another camera in LessonGuard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then run the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unplug the camera and plug it back in, then run the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close other programs that may be using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the camera&apos;s privacy cover or shutter, if it has one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check nothing is covering the lens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on a light in the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unplug the camera and plug it back in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close other programs using the camera, then run the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn so that the window or lamp is in front of you, not behind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or close the curtains behind you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on a light in front of you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the curtains, or move nearer a window that faces you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move away from direct sunlight or a bright lamp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close other programs to free the computer up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a better-lit room: cameras slow down in the dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a webcam and choose it for a real lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the camera is plugged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug the camera back in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection is very slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection trouble: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection has been in trouble for more than 1 minute: {guidance}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection has been in trouble for more than {minutes} minutes: {guidance}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on LessonGuard&apos;s blur (Camera and microphone page → Background: Blurred).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are some things behind you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} people are in view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no picture to look at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your background is blurred by LessonGuard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your background is replaced by LessonGuard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your background is not blurred, and your organisation expects it to be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your background is busy: things behind you can be seen clearly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your background is plain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or move so a plain wall is behind you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We can&apos;t see a face. Check the light.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One person is in view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If one of them is the responsible adult the policy asks for, that&apos;s fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otherwise, ask anyone not taking part to leave the room or step out of view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the camera check first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or sit in front of a clear, plain wall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on a light in front of you, or face a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sit where the camera can see your face.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face detection is not perfect, and works less well in dim light and for some skin tones: if you are clearly in view, you can ignore this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone works: {device} hears you clearly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone stopped during the check: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone opened but sent no sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too loud: the sound is distorting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a quieter place: close the door and windows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off fans, the television or music in the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a lot of background noise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone hears you only faintly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the microphone isn&apos;t muted: a mute key, a switch on the headset, or the computer&apos;s sound settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed with a warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{words} (on the family&apos;s computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents reported: {n} (the tutor&apos;s organisation holds the report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{words} (confirmed for them by {who} on the tutor&apos;s computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident {id} records no &apos;{how}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make sure nothing inappropriate can be seen behind you or on a shared screen, including documents and pop-ups: LessonGuard does not look at pictures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil feels comfortable in the online environment: you made sure of it at the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages sent in the lesson&apos;s chat are kept for {years} years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An experienced tutor is present to observe this first session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({who}) decided that lessons are not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({who}) decided that lessons are recorded; consent is needed before this lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who} decides whether lessons are recorded: type their name and their decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick to confirm: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who} decides whether lessons are recorded, before the first session: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}&apos;s decision on recording, before the first session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>booked this as a practice lesson (the demo camera, no pupil taught)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heard the speakers in the sound test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decided that the lessons are recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decided that the lessons are not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed that nothing inappropriate can be seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed that the pupil feels comfortable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed the safeguarding training the policy asks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed that their safeguarding training is up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed that an experienced tutor observes this first session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ✔ {by} ticked for {name} ({role}): {words}, at {time} on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ? {name} ({role}) {words} at {time}: this record was changed outside LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ✔ {name} ({role}) {words} at {time}, on {device}&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is too long to be a link code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link code looks like ABCD-EFGH-JKMN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link code has {n} letters and digits; this one has {got}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the code with the person who gave it (like ABCD-EFGH-JKMN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code {code} has a mistake in it: one of its characters is wrong or two are swapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check it with the person who gave it. Nothing was sent, so the code can still be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes never contain {char}: did you mean {other}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes use only the letters and digits 2-9 and A-Z without I, L and O.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{char}&apos; cannot be in a link code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on {peer}&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} confirmed the lesson is in a living area · {time} · {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} gave consent to record · {time} · {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} withdrew consent to record · {time} · {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks on {peer}&apos;s computer finished · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panic pressed on {peer}&apos;s computer · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{peer} booked a lesson · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson started · {time} · {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of the lesson confirmed · {time} · {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson&apos;s record arrived from {peer} · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{peer} is sending a copy of the lesson&apos;s recording · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of the lesson&apos;s recording arrived from {peer} · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked computers reachable · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link broker cannot be reached; working alone · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was refused · {time}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} confirmed being in the room · {time} · {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} left the room · {time} · {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This installation&apos;s link key is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the key store from a backup, or link again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link with {peer} cannot be used: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the data folder (`lessonguard audit verify`), then link again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link broker cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each side goes on alone; messages wait until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the link broker was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the broker address in Settings (or --broker) and that the broker is running. Until it can be reached, each computer works alone and messages wait on this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its access list must let LessonGuard use lessonguard/v1/#.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write it as mqtt://HOST:PORT or mqtts://HOST:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its certificate cannot be trusted ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure connection failed ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is not known (no address found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker address must be one line such as mqtts://broker.example.org:8883.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker address must start with mqtt:// or mqtts://, not {url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your organisation for its broker&apos;s address, e.g. mqtts://broker.example.org:8883.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker address {url} names no host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker address {url} has a path; a broker has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker address has an unknown option: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The only option is ?ca=FILE (your organisation&apos;s CA certificate, for mqtts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?ca= is for mqtts:// only: mqtt:// is not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard cannot reach the broker at {broker}: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker address {url} is not valid: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker at {broker} refused LessonGuard&apos;s subscription: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard could not send to the broker at {broker}: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker at {broker} refused a message: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was lost and did not come back within {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker at {broker} refused LessonGuard: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the user name and password your organisation gave (in the broker address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s CA file {file} cannot be read: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the CA certificate (PEM) your organisation sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker at {broker} did not confirm a {what} within {s} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is waiting with the code {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may have been used already, ended or expired, or the other computer uses another broker. Ask for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other side did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a new code and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code was not right, so it has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the other side for a new code, and check each character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other side could not prove it holds the same code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was linked. Ask for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody joined with the code within {minutes} minutes, so it has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new code when the other side is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone tried to join with a wrong code, so the code has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If that was the other side mistyping it, make a new code and read it out again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other side&apos;s offer could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code no longer works; make a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a copy goes only to a family&apos;s or a school&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} was deleted on {when}; there is nothing to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} is {state}: only a finished recording is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} has nothing in it to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} is {size} MB; a copy larger than {most} MB is not sent through the link broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export it instead (`lessonguard recordings export`) and hand the package over another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil of recording {id} is linked to no other computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link the family&apos;s computer first (`lessonguard link create`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No copy of recording {id} is sent: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of recording {id} cannot be read: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording {id} was made under {pack}, which cannot be loaded: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No link broker is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name one in Settings or with --broker URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has {n} pupils: say which one the link is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join again with --pupil ID (see `lessonguard people list`); the code was used, so ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no link {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See `lessonguard link list`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code was made for {told}, but the pupil here is {here}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If that is right, join with --pupil {id} and a new code; if not, ask the tutor for a code made for {here}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pupil {name} could not be added here: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the pupil first (`lessonguard people add`), then join with --pupil ID and a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the preview: what is sharp there is what the lesson sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your background is blurred by LessonGuard, but {percent}% of it is left sharp around you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your background is replaced by LessonGuard, but {percent}% of it is left showing around you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off “Keep my instrument sharp” unless your instrument is cut off without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the keep-clear areas smaller, or clear them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone works: {device} heard you {seconds} s ago (it is quiet now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another microphone in LessonGuard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the microphone further from the instrument.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the microphone (input) volume down in the sound settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move closer to the microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the microphone (input) volume up in the sound settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug the microphone back in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the microphone is plugged in and chosen in LessonGuard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adult supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson booked in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} confirmed being present. {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} confirmed the lesson is in a living area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No adult sponsor is registered for this pupil.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We don&apos;t know the pupil&apos;s age, so we can&apos;t say what supervision is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At {age}: {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult needs to be there. {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lesson is chosen, so there is no booking to check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson was confirmed far enough ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the lesson to a later time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has confirmed the room yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adult (18 or over) must register as the pupil&apos;s sponsor and agree before the first lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the pupil&apos;s date of birth or age to the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until then, the strictest rule applies: {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the responsible adult to confirm, with their name, that they are present.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the checks from a lesson to include this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the responsible adult to confirm, with their name, that the lesson is in a living area, not a bedroom or bathroom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard can&apos;t tell rooms apart from the picture, so a person confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a street address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a school&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what looks like a person&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a car number plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal information in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove or cover it: “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or press “Always blur this area” and LessonGuard blurs that part of the picture in every lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal information can be read in view: {kinds}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No personal information can be read in view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 line of text in view, none of it personal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} lines of text in view, none of it personal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of LessonGuard cannot check this yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check it yourself before the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room scan: {people}; personal information can be read: {kinds}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody&apos;s face was seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room scan: {people}; no personal information can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera sent no pictures during the scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one person at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to {count} people at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 thing to fix before the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} things to fix before the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sure yet: {check} could not be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sure yet: {count} things could not be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for the lesson, with 1 thing to look at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for the lesson, with {count} things to look at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This check could not finish: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This check did not finish within {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run was cancelled before this check finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the check again. If it keeps happening, restart LessonGuard and look at its log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run it again. If it keeps timing out, close other programs or restart the computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed-test server answered with something unexpected ({what}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer can&apos;t look up the speed-test server ({host}): the internet may be down, or the address is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to the speed-test server failed (its certificate was not accepted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed-test server ({host}) refused the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is not connected to the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed test did not finish in time: the connection is very slow or keeps dropping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the speed-test address in LessonGuard&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the Wi-Fi or cable is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the router if other websites don&apos;t open either.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the computer&apos;s date and time are right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A school or office network filter may be interfering: ask whoever runs the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If it keeps happening, the organisation&apos;s speed-test server may be down: tell them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the Wi-Fi is on and connected, or the cable is plugged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the router if other devices can&apos;t connect either.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move closer to the Wi-Fi router, or use a cable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask others on the connection to pause downloads and streaming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This network wants you to sign in first (a login page for a hotel, café, school or public Wi-Fi).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed-test server is busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed-test server answered with an error ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a web browser: the sign-in page should appear. Sign in, then run the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a few seconds and run the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed-test server answered with something unexpected (a zero-byte request returned data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings → Notifications and switch on “Do Not Disturb”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or click the clock at the top of the screen and switch on Do Not Disturb.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the notifications icon in the system tray and switch on “Do not disturb”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings → System → Notifications and switch on “Do not disturb” (Focus assist on Windows 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Control Centre (top right) → Focus, and choose “Do Not Disturb”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch on your computer&apos;s Do Not Disturb or silence its notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do Not Disturb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer and screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this desktop does not report it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the biggest screen you can: a laptop or desktop is best.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close {name}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or press “Close them” and LessonGuard will ask each to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 program to close: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} programs to close: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>macOS does not let programs read the Focus setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>desktop notification service (KDE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows notification settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do Not Disturb is off: messages may pop up in the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on battery ({percent}%, about {minutes} minutes left).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on battery ({percent}%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer with a {width}×{height} screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unrelated programs are open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the lesson platform open: {platforms}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GNOME notification banners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone {device} sent no sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug it in or choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every microphone is muted ({n} checked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no microphone to mute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still live: {names}. The lesson may still hear you: use the mute button in the lesson platform now, or unplug it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was muted by LessonGuard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not put back: {names}. Unmute them in the sound settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphones back as they were; still muted as before: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphones back as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this system ({name}) is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default input (its volume)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sound server stopped answering ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pactl is not installed (pulseaudio-utils)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sound server refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pycaw package is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pyobjc-framework-CoreAudio package is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sound server answers ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{variable} names &apos;{player}&apos;, which is not a player LessonGuard hands recordings to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set it to one of {players} (the name only), or unset it to use ffplay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No player is available to play the recording: {player} is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install ffmpeg (it includes ffplay), mpv or VLC, or play it in the LessonGuard window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows does not report it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who sees your camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program} is reading your webcam directly: choose &apos;{camera}&apos; in {program}, or panic cannot cover your picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other program reads your webcam. When the lesson starts, choose &apos;{camera}&apos; in the lesson platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer does not say which program reads the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{programs} reads {camera}: panic covers your picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the lesson platform&apos;s video settings, choose &apos;{camera}&apos;, so panic can cover your picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In {program}&apos;s video settings, choose &apos;{camera}&apos; as the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (LessonGuard&apos;s default: your policy does not say)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection trouble for {time}: {what}. {left} left before the {limit} limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is back after {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{abort} (in trouble for {time})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard counts faces, not people: someone turned away or out of the picture is not counted, and a large photo of a face may be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something that may be a face was seen faintly (a photo, a poster, or someone at the edge or in the dark): look behind you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say something now, or play a note: LessonGuard is listening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You didn&apos;t hear {what} through {device}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speakers work: you heard {what} through {device}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the volume up, and check the speakers or headphones aren&apos;t muted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check they are plugged in and switched on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose other speakers in the list and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Run again and say something when it asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We didn&apos;t hear anything from {device} in {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The computer has {device} muted: unmute it in the sound settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We can&apos;t tell whether Do Not Disturb is on ({how}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do Not Disturb is on: notifications stay quiet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer runs on mains power (no battery).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plugged in ({percent}% charged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug the computer into the mains for the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We can&apos;t read the screen size here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen is small ({width}×{height}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This looks like a tablet; the course needs a laptop or desktop computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webcam was found on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a laptop or desktop computer with a webcam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug in a webcam, then run the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A laptop&apos;s built-in camera is fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{spec}&apos; is not a camera: give a camera number (0, 1…), a video file or &apos;synthetic&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera {index} could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check it is plugged in and not used by another program, or choose another camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera {index} is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera {index} stopped sending pictures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may have been unplugged: plug it back in and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video file {path} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the path, or choose a camera instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video file {name} cannot be read: it is damaged or not a video.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another file or a camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video file {name} is damaged after frame {frame}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo camera is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The background picture {path} cannot be read; the background is blurred instead. Choose another picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sound library PortAudio is not installed, so no microphone can be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install it (Debian/Ubuntu: sudo apt-get install libportaudio2) and restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone {device} could not be opened ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug it in or choose another one. Microphones found: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug it in or choose another one. No microphone was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone {device} stopped sending sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone could not be muted ({why}). Use the mute button in the lesson platform now, or unplug the microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone could not be unmuted ({why}). Use the mute button in the lesson platform now, or unplug the microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording cannot be decoded: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The player {player} cannot be started: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy says: {clause}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is not enough disk space to record: {space}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free some space on the disk holding {folder}, or choose another recordings folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording file could not be created: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that you can write to {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sound could not be played through {device} ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the speakers or headphones are plugged in and not muted, or choose others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install OBS Studio (obsproject.com), which brings the OBS Virtual Camera driver; then turn LessonGuard&apos;s virtual camera on again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install v4l2loopback and create the camera: sudo apt-get install v4l2loopback-dkms, then sudo modprobe v4l2loopback devices=1 exclusive_caps=1 card_label=&quot;{name}&quot;; then turn the virtual camera on again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install OBS Studio (obsproject.com), open it once and click &quot;Start Virtual Camera&quot; so macOS registers it; then turn LessonGuard&apos;s virtual camera on again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The virtual camera is not available on this computer ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonWiring</name>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lesson is booked: the checks run for any lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For {pupil}&apos;s lesson at {time} on {day}{age}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, aged {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the pupil first: LessonGuard needs their age for the supervision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is it cancelled?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson with {name} — LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lesson was interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson with {name}, started at {time}, was still running when LessonGuard stopped. Everything saved until then is kept.

Resume it, or close it and save its record?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close it and save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonsPage</name>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ &amp;Start lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New lesson…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book a new lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;pupil…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel lesson…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the chosen booked lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History: choose a lesson to see its record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen lesson&apos;s record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{started} (booked for {booked})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● The lesson with {name} is in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: &lt;b&gt;{name}&lt;/b&gt;, {when} ({minutes} min on {platform})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lesson is booked. Press New lesson to book one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Choose a lesson above to see its record: the checks, who confirmed what and when, recordings and incidents.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quiet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too loud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>good</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkWiring</name>
    <message>
        <source>No broker set: LessonGuard works on this computer alone and sends nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the linked computers hear each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker cannot be reached: each computer works alone, and what is to be sent waits here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the broker…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker set. Link with the other side to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{peer} ({role}) · for {pupil} · linked {day} · check code {check}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panic on the other computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their camera and microphone are off. Stop the lesson if it is still going, and follow your organisation&apos;s procedure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No broker: LessonGuard works on this computer alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop exchanging messages with that computer? Nothing already kept is deleted. To link again, make a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the broker your organisation gave you first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked with {peer}&apos;s LessonGuard ({role}). Check code {check}: ask {peer} to read out the one their LessonGuard shows. If it is not the same, someone else typed the code: remove this link in Settings at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinksBox</name>
    <message>
        <source>Linked computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked, the tutor&apos;s LessonGuard and the family&apos;s (or school&apos;s) exchange small messages: the adult is in the room, consent, the checks&apos; verdicts, a panic, the lesson&apos;s record. They are encrypted end to end; the broker your organisation runs passes them on without being able to read them. Never pictures or sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Broker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the broker address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the linked computers can be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No linked computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link with a family or school…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link with the tutor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the chosen link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the broker first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked yet: this LessonGuard works on its own, and whatever is confirmed here counts as confirmed here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo camera: no webcam is in use. Choose a camera above when one is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo camera notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera and microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check my setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture: see the notice above.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewLessonDialog</name>
    <message>
        <source>New lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson length in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutor&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice less&amp;on: try every step with the demo camera, no notice needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the lesson cannot be booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;utor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pl&amp;atform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Book and confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book and confirm the lesson</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeLabel</name>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackPage</name>
    <message>
        <source>Your organisation&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard follows your organisation&apos;s safeguarding policy: what is checked, whether lessons are recorded, what to do if something goes wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a policy &amp;file from my organisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a policy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose the policy your organisation gave you. Not sure? Choose “Strictest”: it applies the strictest rule of each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy packs (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanicBar</name>
    <message>
        <source>■ Stop camera and mic now ({keys})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panic: stop camera and microphone now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Camera and microphone are OFF for the lesson. The lesson sees a privacy card and hears nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the panic button did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report what happened…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report what happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave the lesson platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the lesson platform&apos;s window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume camera and &amp;mic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume camera and microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording goes on and is kept on hold as evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was being recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanicController</name>
    <message>
        <source>No lesson platform program is running. If the lesson is in a web browser, close its tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The panic hotkey (Ctrl+Shift+X) works only while LessonGuard&apos;s window is active here ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanicWiring</name>
    <message>
        <source>Plugged in during the panic, and muted too: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Stop camera and mic now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera on again. The microphones stay muted, as you chose: unmute them in the sound settings when you need them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera and microphone are on again. {mic}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The panic is still on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The panic is still on: the camera shows the privacy card and LessonGuard muted every microphone.

Put each microphone back as it was before the panic, then end the lesson?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Put them back and end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End, and &amp;leave the microphones muted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the lesson going</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Seal the package with a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report, with the child&apos;s words, is encrypted with this passphrase. Tell it to the person who receives the package by phone, never in the same email. At least {count} characters: a few unrelated words are best.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seal and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same: type it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Organisation&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a PIN, the policy and the role of this computer change only when it is typed. Keep it with your organisation&apos;s safeguarding lead, not with the person who uses this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new PINs are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyBar</name>
    <message>
        <source>Policy in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy in force: {name} (change it in Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy warning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyController</name>
    <message>
        <source>The chosen policy pack could not be used, so the strictest rules apply until it is fixed or another is chosen. {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That policy pack was not applied. {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <source>Change the organisation&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard now follows &lt;b&gt;{name}&lt;/b&gt;. The policy decides what is checked before each lesson, whether lessons are recorded and who may watch them. Change it only when your organisation tells you to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A policy &amp;file from my organisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s &amp;PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the policy to the one chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a policy pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy packs (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <source>No picture yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PupilsPage</name>
    <message>
        <source>Pupils</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give an age band &amp;instead of the date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s age band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent or responsible adult&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor&apos;s name (an adult, 18 or over)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sponsor is &amp;18 or over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sponsor is 18 or over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add this pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupils added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil&apos;s na&amp;me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age ban&amp;d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Parent or responsible adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sponsor (an adult who registers the pupil)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already added: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The supervision a lesson needs depends on the pupil&apos;s age, so give a date of birth or an age band.{sponsor} You can add pupils later too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the pupil&apos;s name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the name of {name}&apos;s parent or responsible adult.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pack} needs a sponsor aged 18 or over: give their name and tick that they are 18 or over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be added: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your child first: LessonGuard needs their age.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadyPage</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What your policy asks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Pupils:&lt;/b&gt; {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Pupils:&lt;/b&gt; none yet. Add them later with &lt;b&gt;Add pupil…&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;LessonGuard will follow &lt;b&gt;{pack}&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;{summary}&lt;/p&gt;&lt;p&gt;{pupils}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Recording:&lt;/b&gt; {recording}&lt;/p&gt;&lt;p&gt;Before each lesson press &lt;b&gt;Start lesson&lt;/b&gt;: it walks you through what the policy asks for. You can change these answers later with &lt;b&gt;Set up again…&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingBar</name>
    <message>
        <source>Pupil in this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add pupil…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a pupil and their responsible adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw consent to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give &amp;consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give consent to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Start &amp;recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start or stop recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why recording is or is not possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Stop &amp;recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Starting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingController</name>
    <message>
        <source>Add the pupil first (people are set up once).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no camera picture to record. Choose a camera first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no microphone to record from. Choose one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk has room for about {n:.0f} more minutes of recording; recording stops cleanly if it fills.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consented by {name} ({role}) on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no consent needed by the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Recording — {who} · kept until {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording stopped: {min:.1f} minutes kept until {day}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingNotice</name>
    <message>
        <source>This lesson will be recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording starts when you press Start. {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the consent covers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start recording</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingStep</name>
    <message>
        <source>About recording this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the recording consent says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give &amp;consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give consent to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rec&amp;ord this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the person who decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who &amp;decided:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes, lessons will be recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No, lessons will no&amp;t be recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The policy also asks:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;{items}&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the policy also asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I confirm this (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I confirm this (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lesson is not recorded. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent is on file: {who}. The lesson will be recorded, encrypted, on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson cannot start without it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingWiring</name>
    <message>
        <source>Choose who gives consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the pupil first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent on file from: {names}.
Recording stops at once and no new recording starts.

Your name:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingsPage</name>
    <message>
        <source>Parent or responsible adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pupil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation&apos;s safeguarding staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings kept on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role this computer was set up for; Settings, Set up again changes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ &amp;Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check it is intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put on &amp;hold…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release hold…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the selected recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the selected recording is intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the selected recording on legal hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the hold on the selected recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected recording, encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a recording and press Play.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume playback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching as: {role}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching as: not set up yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard does not know who uses this computer yet, so it cannot say what they may see. Use Settings, Set up again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recordings are kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a recording in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Intact: all {n} parts check out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ Damaged: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to which folder?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A passphrase of at least 12 characters, to tell the recipient by phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Exported, still encrypted, to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold: it will not be deleted until released.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That recording is not on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold released.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>I &amp;teach the lessons (tutor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am a &amp;parent, carer or responsible adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I work at the &amp;school (staff supervising a pupil)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to LessonGuard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LessonGuard keeps online music lessons with children safe. Nothing leaves this computer and no account is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is using LessonGuard on this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your full na&amp;me (it goes on what you confirm):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafeguardingLeadBox</name>
    <message>
        <source>Your organisation&apos;s safeguarding lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation&apos;s policy gives a way to reach its safeguarding lead; you may add the details you were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation&apos;s policy gives no phone or email for its safeguarding lead. Enter the ones you were given, so the report after a panic offers someone to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding lead&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding lead&apos;s phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 01234 567890</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding lead&apos;s email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead&apos;s na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead&apos;s &amp;phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead&apos;s e&amp;mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That phone number has letters or is too short: digits, spaces and + only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That email address is not complete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>tutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parent or responsible adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>school staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who uses LessonGuard here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;up again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up again: role, name, policy and pupils</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You and your organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s policy in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the organisation&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s P&amp;IN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set or change the organisation&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether a PIN guards the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the lesson window on &amp;top of the lesson platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the lesson window on top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where LessonGuard keeps its files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN set by your organisation guards the policy and the role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the organisation&apos;s P&amp;IN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set an organisation P&amp;IN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;, {role}.&lt;br&gt;Policy: &lt;b&gt;{pack}&lt;/b&gt;.&lt;br&gt;Pupils: {pupils}.&lt;br&gt;&lt;i&gt;Set up again&lt;/i&gt; changes any of these (the policy and the role need the organisation&apos;s PIN where one is set); pupils already added stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set for this computer by LESSONGUARD_THEME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: {data}&lt;br&gt;Recordings: {recordings}&lt;br&gt;Log: {log}&lt;br&gt;Speed test address (the only place LessonGuard connects to): {speed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the &apos;recordings&apos; folder inside the data folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsWiring</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the lesson first: a lesson keeps the policy and the answers it started with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. LessonGuard now follows {pack}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation&apos;s PIN is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoundTestDialog</name>
    <message>
        <source>Test your microphone and speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone to test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did LessonGuard hear you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen for your voice again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Speakers or headphones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers or headphones to test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a &amp;test tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a one-second test tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record 3 seconds and play them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record three seconds from the microphone and play them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the speakers are doing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ I &amp;heard it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I heard it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ I &amp;didn&apos;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I didn&apos;t hear it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Speakers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a tone or your own voice, then say whether you heard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone sends no sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone could not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say something now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening to {device}… ({seconds} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We hear you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device} picks up your voice. Now try the speakers below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We didn&apos;t hear anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing came through {device} in {seconds} seconds. Check it isn&apos;t muted (a mute key, a switch on the headset, the sound settings), or choose another microphone, then press Listen again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing a one-second tone through {device}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the test tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording 3 seconds: say something, or play a few notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing your recording back through {device}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did you hear {what}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeedCards</name>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fast enough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mbps} Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(needs {mbps} Mbit/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jitter {ms} ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartLessonDialog</name>
    <message>
        <source>What stops the lesson starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The adult is here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is a living area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for {name}&apos;s lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before the lesson can start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks and confirmations for this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps the policy does not ask for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not asked by the policy: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson&apos;s date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not start the lesson now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the lesson platform will see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, aged {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Ready for {pupil}&apos;s lesson&lt;/h2&gt;&lt;p&gt;{pupil}{age} · booked for {when} · {minutes} minutes · {pack}{adult}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adult: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Practice lesson&lt;/b&gt;: every step, with the demo camera; its record says it was practice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed since the last check: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} to do before the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: nothing stops the lesson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start the lesson</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepsPage</name>
    <message>
        <source>What to do now, step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps to take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From your organisation&apos;s policy: {basis}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {n}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ✔ done at {t}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Lesson record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to the lesson log (Lessons → History). A linked family&apos;s or school&apos;s LessonGuard shows it on their own lesson page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisionStep</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{pupil}&lt;/b&gt;{age}: {need}&lt;/p&gt;&lt;p style=&apos;color:{muted}&apos;&gt;Why: {basis}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, aged {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervision needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible adult&apos;s full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible adult&apos;s full &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I, the responsible adult, am &amp;here and will stay in the room for the whole lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I, the responsible adult, am &amp;here for the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson is in a &amp;living area, not a bedroom or bathroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson is in a living area</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TellPage</name>
    <message>
        <source>Who to tell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare an &amp;email to the safeguarding lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare an email to the safeguarding lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail program is set up on this computer. Copy the subject and text into your email, or save them as a file your mail program can open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy the subject and text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as an .eml &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have told them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have told {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: phone {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the number {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ {number} copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ The subject and text are copied: paste them into your email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email (*.eml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The email could not be saved ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Saved as {path}: open it in your mail program.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThroughputPlot</name>
    <message>
        <source>Internet speed while measuring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed: {v:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upload</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ticks</name>
    <message>
        <source>Whose word the ticks are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the adult left ({name} said so at {time}, on {where}&apos;s computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the adult is here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You tick this for {adult}: it is kept as your word ({user}, on this computer), not as theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked from {peer}&apos;s computer ({what}): their own word.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WhatPage</name>
    <message>
        <source>What happened?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WhoPage</name>
    <message>
        <source>Who is reporting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
